package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// console is the person running a command, when there is one at a
// terminal to answer questions; tests give one of their own.
type console struct {
	in       io.Reader
	terminal bool
}

// stdinConsole is the process's standard input, a terminal or not.
func stdinConsole() console {
	fi, err := os.Stdin.Stat()
	return console{in: os.Stdin, terminal: err == nil && fi.Mode()&os.ModeCharDevice != 0}
}

// confirm asks a yes/no question; anything but y or yes is no.
func (c console) confirm(out io.Writer, question string) bool {
	fmt.Fprintf(out, "%s [y/N] ", question)
	line, _ := bufio.NewReader(c.in).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}
