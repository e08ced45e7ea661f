"""worldsystem.mrio"""
