"""The engines: discovery, rule runner, exposure, suppressions, baselines."""
