"""lscp-scrutiny."""
