"""worldsystem.countries"""
