"""worldsystem.claims"""
