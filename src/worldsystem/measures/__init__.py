"""worldsystem.measures"""
