"""pandera models of the warehouse tables and the registry of every check parcferme runs."""
