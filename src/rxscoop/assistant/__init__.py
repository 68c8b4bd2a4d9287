"""rxscoop for AI assistants: the tools (tools.py) and the Model Context Protocol server over them (server.py)."""
