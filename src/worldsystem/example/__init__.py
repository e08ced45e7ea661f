"""worldsystem.example"""
