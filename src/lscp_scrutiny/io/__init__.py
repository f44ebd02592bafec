"""The file system: which file is which, bounded reads, atomic writes, workbooks and survey exports."""
