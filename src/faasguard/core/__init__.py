"""Pure core types shared by every analyser: findings, locations, rules, configuration."""
