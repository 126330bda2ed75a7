package main

//lint:file-ignore ST1005 the CLI prints its errors to people as they are, whole sentences (see cli_errors.go)

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// args is a parsed command line in WP-CLI's style: positional arguments and
// --flags may be mixed in any order; --name=value, --name value (for flags
// that take a value) and bare --name (booleans).
type args struct {
	pos   []string
	flags map[string]string
	// used records which flags a command read, so unknown ones are reported.
	used map[string]bool
}

// flagSpec says which flags take a value; the rest are booleans.
type flagSpec map[string]bool

// globalFlags are the settings, which every command accepts.
var globalFlags = flagsOf("")

func parseArgs(raw []string, spec flagSpec) (*args, error) {
	a := &args{flags: map[string]string{}, used: map[string]bool{}}
	for i := 0; i < len(raw); i++ {
		s := raw[i]
		if s == "--" {
			a.pos = append(a.pos, raw[i+1:]...)
			break
		}
		if !strings.HasPrefix(s, "--") || len(s) == 2 {
			a.pos = append(a.pos, s)
			continue
		}
		name, value, hasValue := strings.Cut(s[2:], "=")
		takesValue, known := spec[name]
		if !known {
			takesValue, known = globalFlags[name]
		}
		if !known {
			return nil, unknownFlag(name, spec)
		}
		if !hasValue {
			if takesValue {
				if i+1 >= len(raw) {
					return nil, fmt.Errorf("--%s needs a value.", name)
				}
				i++
				value = raw[i]
			} else {
				value = "true"
			}
		}
		a.flags[name] = value
	}
	return a, nil
}

// str returns a flag's value, or the environment variable's, or def.
func (a *args) str(name, env, def string) string {
	if v, ok := a.flags[name]; ok {
		return v
	}
	if env != "" {
		if v, ok := os.LookupEnv(env); ok {
			return v
		}
	}
	return def
}

// has reports whether a flag was given.
func (a *args) has(name string) bool { _, ok := a.flags[name]; return ok }

// opt returns a pointer to a flag's value, nil when not given.
func (a *args) opt(name string) *string {
	if v, ok := a.flags[name]; ok {
		return &v
	}
	return nil
}

// boolean reads a boolean flag, or setting.
func (a *args) boolean(name string) (bool, error) {
	v := a.str(name, "", "false")
	if _, ok := globalFlags[name]; ok {
		v = a.setting(name)
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("--%s: want true or false, got %q", name, v)
	}
	return b, nil
}

// need checks the number of positional arguments.
func (a *args) need(min, max int, usage string) error {
	if len(a.pos) < min || (max >= 0 && len(a.pos) > max) {
		return fmt.Errorf("usage: presspass %s", usage)
	}
	return nil
}

// setting reads a setting by its definition (cli_flags.go): the flag, else
// its variable, else its default.
func (a *args) setting(name string) string {
	d := settingDef(name)
	return a.str(d.Name, d.Env, d.Default)
}

// unknownFlag refuses a flag, suggesting the nearest one accepted.
func unknownFlag(name string, spec flagSpec) error {
	names := make([]string, 0, len(spec)+len(globalFlags))
	for n := range spec {
		names = append(names, n)
	}
	for n := range globalFlags {
		names = append(names, n)
	}
	sort.Strings(names)
	hint := didYouMean(name, names)
	if hint != "" {
		hint = strings.Replace(hint, `"`, `"--`, 1)
	}
	return fmt.Errorf("unknown flag --%s.%s See 'presspass help'.", name, hint)
}

// onlyFlagsOf refuses the flags given that the subcommand path does not
// take (the parser accepts every flag of a command's subcommands).
func (a *args) onlyFlagsOf(path string) error {
	own := commandFlags(path)
	for name := range a.flags {
		if _, ok := globalFlags[name]; ok || slices.ContainsFunc(own, func(d flagDef) bool { return d.Name == name }) {
			continue
		}
		if len(own) == 0 {
			return fmt.Errorf("presspass %s takes no --%s.", path, name)
		}
		names := make([]string, len(own))
		for i, d := range own {
			names[i] = "--" + d.Name
		}
		return fmt.Errorf("presspass %s takes no --%s; its flags are %s.", path, name, strings.Join(names, ", "))
	}
	return nil
}
