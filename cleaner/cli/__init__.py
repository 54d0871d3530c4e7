"""The command line: argument parsing (main), one module per command, and the terminal's output.

In: argv. Out: files written, reports and an exit status. The top of the stack: it may import every
package (run, pipeline, the stages, io); nothing in cleaner imports it, except __main__.
"""
