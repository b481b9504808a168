"""The rules that read facts from sentences, one module per group of fact kinds; ``context`` holds
what every rule sees (the page, its sentences, the states and cities it names)."""
