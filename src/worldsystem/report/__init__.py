"""worldsystem.report"""
