"""worldsystem.simulate"""
