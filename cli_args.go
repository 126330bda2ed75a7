package main

import (
	"fmt"
	"os"
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

// globalFlags apply to every command: every setting the server reads (true
// when the flag takes a value, false for a boolean).
var globalFlags = flagSpec{
	"addr": true, "database": true, "site-url": true, "environment": true, "tls-cert": true, "tls-key": true,
	"trusted-proxies": true, "two-factor-api-login": false, "xmlrpc": true, "log-level": true,
	"throttle-ip-failures": true, "throttle-account-failures": true, "throttle-window": true,
	"throttle-lock": true, "throttle-max-lock": true, "throttle": true,
	"smtp-url": true, "app-password-max-lifetime": true, "revoke-app-passwords-on-password-change": false,
	"public-site": true, "templates-dir": true, "outbound": true,
	"log-format": true, "shutdown-timeout": true,
	// uploads (config_media.go)
	"uploads-dir": true, "upload-max-size": true, "uploads-s3-url": true, "uploads-s3-bucket": true,
	"uploads-s3-region": true, "uploads-s3-access-key": true, "uploads-s3-secret-key": true,
	"uploads-s3-prefix": true, "uploads-public-url": true,
	// pingback.ping (config_pingback.go)
	"pingback":   true,
	"epoch-mode": true,
}

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
			return nil, fmt.Errorf("unknown flag --%s", name)
		}
		if !hasValue {
			if takesValue {
				if i+1 >= len(raw) {
					return nil, fmt.Errorf("flag --%s needs a value", name)
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

// boolean reads a boolean flag or variable.
func (a *args) boolean(name, env string) (bool, error) {
	v := a.str(name, env, "false")
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
