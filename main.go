// Command presspass is a server that speaks the WordPress API — REST under
// /wp-json/ and xmlrpc.php — with application passwords at its heart, plus
// WP-CLI-style admin commands.
package main

//lint:file-ignore ST1005 the CLI prints its errors to people as they are, whole sentences (see cli_errors.go)

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runOn(ctx, os.Args[1:], stdinConsole(), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries a specific exit status (e.g. app-password exists → 1)
// without a message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run dispatches a command line with nobody at a terminal (as in a script)
// and returns the process exit status.
func run(ctx context.Context, argv []string, stdout, stderr io.Writer) int {
	return runOn(ctx, argv, console{}, stdout, stderr)
}

// runOn dispatches a command line and returns the process exit status.
// Errors are printed to stderr as one line.
func runOn(ctx context.Context, argv []string, con console, stdout, stderr io.Writer) int {
	argv, lead, err := leadingSettings(argv)
	if err != nil {
		fmt.Fprintf(stderr, "Error: %s\n", err)
		return 2
	}
	if len(argv) == 0 {
		writeGeneralHelp(stderr)
		return 2
	}
	cmd, rest := argv[0], append(argv[1:len(argv):len(argv)], lead...)
	switch {
	case cmd == "-h" || cmd == "--help":
		writeGeneralHelp(stdout)
		return 0
	case cmd == "--version":
		writeVersion(stdout)
		return 0
	case cmd == "help":
		if path := helpPath(rest); path != "" {
			return commandHelp(stdout, stderr, path)
		}
		if wantsHelp(rest) {
			return commandHelp(stdout, stderr, "help")
		}
		writeGeneralHelp(stdout)
		return 0
	case wantsHelp(rest):
		return commandHelp(stdout, stderr, helpPath(append([]string{cmd}, rest...)))
	case cmd == "version":
		writeVersion(stdout)
		return 0
	}
	switch cmd {
	case "serve":
		err = cmdServe(ctx, rest, stdout, stderr)
	case "migrate":
		err = cmdMigrate(ctx, rest, stdout)
	case "fixtures":
		err = cmdFixtures(ctx, rest, stdout)
	case "user":
		err = cmdUser(ctx, rest, con, stdout)
	case "app-password":
		err = cmdAppPassword(ctx, rest, stdout)
	case "option":
		err = cmdOption(ctx, rest, stdout)
	case "import":
		err = cmdImport(ctx, rest, stdout)
	case "audit":
		err = cmdAudit(ctx, rest, stdout)
	case "loadtest":
		err = cmdLoadtest(ctx, rest, stdout)
	case "loadtest-ceiling":
		err = cmdLoadtestCeiling(ctx, rest)
	case "healthcheck":
		err = cmdHealthcheck(ctx, rest)
	case "doctor":
		err = cmdDoctor(ctx, rest, stdout)
	default:
		fmt.Fprintf(stderr, "Error: %q is not a presspass command.%s See 'presspass help'.\n", cmd, didYouMean(cmd, topCommands()))
		return 2
	}
	if err != nil {
		var ee exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		fmt.Fprintf(stderr, "Error: %s\n", errorLine(err, wantsJSON(rest)))
		return 1
	}
	return 0
}

// commandHelp prints a command's help, or says there is no such command.
func commandHelp(stdout, stderr io.Writer, path string) int {
	if writeCommandHelp(stdout, path) {
		return 0
	}
	fmt.Fprintf(stderr, "Error: %q is not a presspass command.%s See 'presspass help'.\n", path, didYouMean(path, topCommands()))
	return 2
}

// wantsHelp reports whether a command line asks for help (-h or --help
// before any "--").
func wantsHelp(rest []string) bool {
	for _, w := range rest {
		switch w {
		case "--":
			return false
		case "-h", "--help":
			return true
		}
	}
	return false
}

// wantsJSON reports whether the output was asked for as JSON, where an
// error keeps its machine-readable code.
func wantsJSON(rest []string) bool {
	for i, w := range rest {
		if w == "--format=json" || w == "--format" && i+1 < len(rest) && rest[i+1] == "json" {
			return true
		}
	}
	return false
}

// leadingSettings takes the settings given before the command
// (presspass --database X user list) so that they can follow it.
func leadingSettings(argv []string) (rest, lead []string, err error) {
	global := flagsOf("")
	for len(argv) > 0 && strings.HasPrefix(argv[0], "--") && argv[0] != "--help" && argv[0] != "--version" {
		name, _, hasValue := strings.Cut(argv[0][2:], "=")
		takesValue, ok := global[name]
		if !ok {
			return nil, nil, unknownFlag(name, global)
		}
		n := 1
		if takesValue && !hasValue {
			if len(argv) < 2 {
				return nil, nil, fmt.Errorf("--%s needs a value.", name)
			}
			n = 2
		}
		lead, argv = append(lead, argv[:n]...), argv[n:]
	}
	return argv, lead, nil
}
