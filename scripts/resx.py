#!/usr/bin/env python3
"""Adds or updates UI strings in the web's resource files: resx.py <file.resx> KEY=VALUE ... (creates the file)."""
import sys, os, html
from xml.sax.saxutils import escape
path, pairs = sys.argv[1], sys.argv[2:]
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<root>\n  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>\n  <resheader name="version"><value>2.0</value></resheader>\n  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n</root>\n'
text = open(path, encoding='utf-8').read() if os.path.exists(path) else HEAD
for p in pairs:
    k, v = p.split('=', 1)
    line = f'  <data name="{k}" xml:space="preserve"><value>{escape(v)}</value></data>\n'
    start = text.find(f'<data name="{k}"')
    if start >= 0:
        ls = text.rfind('\n', 0, start) + 1
        le = text.find('\n', start) + 1
        text = text[:ls] + line + text[le:]
    else:
        i = text.rfind('</root>')
        text = text[:i] + line + text[i:]
open(path, 'w', encoding='utf-8').write(text)
