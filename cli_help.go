package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Help is made from commandDefs and flagDefs, so it names every command and
// every flag there is.

// writeGeneralHelp prints the commands and the settings.
func writeGeneralHelp(w io.Writer) {
	fmt.Fprint(w, "presspass — a WordPress-compatible API server with application passwords\n\n")
	fmt.Fprint(w, "Usage:\n  presspass [SETTINGS] COMMAND [SUBCOMMAND] [ARGS] [FLAGS]\n\nCommands:\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, name := range topCommands() {
		c, _ := commandDefFor(name)
		fmt.Fprintf(tw, "  %s\t%s\n", name, c.Summary)
	}
	tw.Flush()
	fmt.Fprint(w, "\nSettings (every command takes them, before or after it; each has an environment variable twin; flags win):\n")
	writeSettings(w)
	fmt.Fprint(w, "\nRun 'presspass help COMMAND' or 'presspass COMMAND --help' for a command's usage, flags and an example.\n")
}

// writeSettings lists the settings with their variables and defaults.
func writeSettings(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, d := range settings() {
		name := "--" + d.Name
		if d.Name == "" {
			name = "(variable only)"
		} else if d.Value != "" {
			name += " " + d.Value
		}
		help := d.Help
		if def := d.shownDefault(); def != "" {
			help += " (default " + def + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", name, d.Env, help)
	}
	tw.Flush()
}

// writeCommandHelp prints one command's or subcommand's usage, flags and
// example; false when there is no such command.
func writeCommandHelp(w io.Writer, path string) bool {
	c, ok := commandDefFor(path)
	if !ok {
		return false
	}
	fmt.Fprintf(w, "Usage:\n  %s\n\n%s.\n", usageLine(c), upperFirst(c.Summary))
	if subs := subcommands(path); len(subs) > 0 {
		fmt.Fprint(w, "\nSubcommands:\n")
		for _, s := range subs {
			fmt.Fprintf(w, "  %s\n      %s\n", usageLine(s), s.Summary)
		}
	}
	if flags := commandFlags(path); len(flags) > 0 {
		fmt.Fprint(w, "\nFlags:\n")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, d := range flags {
			fmt.Fprintf(tw, "  %s\t%s\n", d.usageForm(), d.Help)
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\nExample:\n  %s\n", c.Example)
	if !strings.Contains(path, " ") && path != "help" && path != "version" {
		fmt.Fprint(w, "\nSettings such as --database are accepted too; 'presspass help' lists them.\n")
	}
	return true
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// helpPath finds the command a help request is about: the top-level command
// and, when the next word names one of its subcommands, that subcommand.
func helpPath(words []string) string {
	var pos []string
	for _, w := range words {
		if !strings.HasPrefix(w, "-") {
			pos = append(pos, w)
		}
	}
	if len(pos) == 0 {
		return ""
	}
	if len(pos) > 1 {
		if _, ok := commandDefFor(pos[0] + " " + pos[1]); ok {
			return pos[0] + " " + pos[1]
		}
	}
	return pos[0]
}

// settingsTable is the README's table of settings, in Markdown. A flag's
// variable is named only where it is not the flag's own name in capitals
// after PRESSPASS_ (envName), which the README says once.
func settingsTable() string {
	var b strings.Builder
	b.WriteString("| setting | default | meaning |\n|---|---|---|\n")
	for _, d := range settings() {
		name := "`" + d.Env + "`"
		if d.Name != "" {
			name = "`--" + d.Name + "`"
			if d.Env != envName(d.Name) {
				name += " (`" + d.Env + "`)"
			}
		}
		def := "—"
		if d.ShownDefault != "" {
			def = d.ShownDefault
		} else if d.Default != "" {
			def = "`" + d.Default + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, def, d.Help)
	}
	return b.String()
}

// envName is the variable a flag has unless it says otherwise:
// --some-flag is PRESSPASS_SOME_FLAG.
func envName(flag string) string {
	return "PRESSPASS_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}
