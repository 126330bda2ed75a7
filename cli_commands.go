package main

import (
	"fmt"
	"slices"
	"strings"
)

// commandDef describes a command or subcommand for help: its positional
// arguments, what it does and an example. Its flags come from flagDefs.
type commandDef struct {
	Path    string // "user create"
	Args    string // "LOGIN EMAIL"
	Summary string
	Example string
}

// commandDefs lists every command and subcommand, in the order help shows
// them. A top-level command with subcommands has an entry of its own too.
var commandDefs = []commandDef{
	{Path: "serve", Summary: "start the server (creates the first administrator on an empty database)",
		Example: "presspass serve --addr 127.0.0.1:8080 --database sqlite:site.db"},
	{Path: "migrate", Summary: "apply database migrations", Example: "presspass migrate --database mysql://pp:secret@127.0.0.1:3306/presspass"},
	{Path: "user", Summary: "manage users (as WP-CLI's wp user)", Example: "presspass user list"},
	{Path: "user create", Args: "LOGIN EMAIL", Summary: "create a user", Example: "presspass user create bob bob@example.com --role=author"},
	{Path: "user list", Summary: "list users", Example: "presspass user list --role=editor --format=csv"},
	{Path: "user get", Args: "USER", Summary: "show a user", Example: "presspass user get bob --field=user_email"},
	{Path: "user update", Args: "USER", Summary: "change a user", Example: "presspass user update bob --role=editor"},
	{Path: "user delete", Args: "USER...", Summary: "delete users, their posts too unless --reassign gives them to someone",
		Example: "presspass user delete bob --reassign=admin"},
	{Path: "user unlock", Args: "USER", Summary: "lift the account lock that wrong main passwords (from anyone) put on a user's browser and XML-RPC logins",
		Example: "presspass user unlock admin"},
	{Path: "app-password", Summary: "manage application passwords (as WP-CLI's wp user application-password)",
		Example: "presspass app-password list admin"},
	{Path: "app-password create", Args: "USER NAME", Summary: "create an application password and print it once",
		Example: "presspass app-password create admin 'My phone' --scope=read --expires-in=90"},
	{Path: "app-password list", Args: "USER | --all-users", Summary: "list a user's application passwords, or everyone's",
		Example: "presspass app-password list admin --format=json"},
	{Path: "app-password get", Args: "USER UUID", Summary: "show an application password",
		Example: "presspass app-password get admin 6f1c…"},
	{Path: "app-password update", Args: "USER UUID", Summary: "rename an application password",
		Example: "presspass app-password update admin 6f1c… --name='Old phone'"},
	{Path: "app-password delete", Args: "USER [UUID...]", Summary: "delete application passwords: the given ones, --all or --app-id's",
		Example: "presspass app-password delete admin --all"},
	{Path: "app-password exists", Args: "USER NAME", Summary: "exit status 0 when the user has a password of that name, 1 when not",
		Example: "presspass app-password exists admin 'My phone'"},
	{Path: "app-password record-usage", Args: "USER UUID", Summary: "record a use of the password now, from 127.0.0.1",
		Example: "presspass app-password record-usage admin 6f1c…"},
	{Path: "option", Summary: "read and change site options", Example: "presspass option get blogname"},
	{Path: "option get", Args: "NAME", Summary: "print an option's value", Example: "presspass option get WPLANG"},
	{Path: "option update", Args: "NAME VALUE", Summary: "change an option (cleaned as WordPress cleans it)",
		Example: `presspass option update WPLANG ja   # "" is English`},
	{Path: "fixtures", Summary: "load data sets", Example: "presspass fixtures load demo"},
	{Path: "fixtures load", Args: "NAME|FILE.json", Summary: "load a data set (demo, test) or a site description, keeping its ids",
		Example: "presspass fixtures load demo"},
	{Path: "import", Summary: "move a site in from WordPress", Example: "presspass import wordpress --from mysql://wp:secret@127.0.0.1:3306/wordpress"},
	{Path: "import wordpress", Summary: "copy a WordPress site's database in (read-only; ids kept; run again to pick up changes)",
		Example: "presspass import wordpress --from mysql://wp:secret@127.0.0.1:3306/wordpress --dry-run"},
	{Path: "audit", Summary: "the security audit trail", Example: "presspass audit list --limit=20"},
	{Path: "audit list", Summary: "list audit events, newest first", Example: "presspass audit list --user=admin --since=2026-01-01T00:00:00Z"},
	{Path: "doctor", Args: "URL | token", Summary: "check a running site from outside: REST index, Authorization header, HTTPS, xmlrpc.php, clocks, uploads, schema (exit 1 when a check fails)",
		Example: "presspass doctor https://example.com --user admin:abcd-efgh-…"},
	{Path: "doctor token", Summary: "print a one-time doctor token (10 minutes, single use)", Example: "presspass doctor token"},
	{Path: "loadtest", Summary: "the performance table, on a fresh database (loopback only)", Example: "presspass loadtest --duration=5s"},
	{Path: "healthcheck", Summary: "exit 0 when the local server answers /readyz", Example: "presspass healthcheck --addr 127.0.0.1:8080"},
	{Path: "version", Summary: "print the version, commit and Go version", Example: "presspass version"},
	{Path: "help", Args: "[COMMAND [SUBCOMMAND]]", Summary: "print help for a command", Example: "presspass help user create"},
}

// commandDefFor returns the definition of a command path.
func commandDefFor(path string) (commandDef, bool) {
	i := slices.IndexFunc(commandDefs, func(c commandDef) bool { return c.Path == path })
	if i < 0 {
		return commandDef{}, false
	}
	return commandDefs[i], true
}

// subcommands returns the subcommands of a top-level command, e.g. user's
// create, list, get…
func subcommands(top string) []commandDef {
	var out []commandDef
	for _, c := range commandDefs {
		if strings.HasPrefix(c.Path, top+" ") {
			out = append(out, c)
		}
	}
	return out
}

// topCommands returns the names of the top-level commands.
func topCommands() []string {
	var out []string
	for _, c := range commandDefs {
		if !strings.Contains(c.Path, " ") {
			out = append(out, c.Path)
		}
	}
	return out
}

// usageLine is a command's synopsis with every flag it takes.
func usageLine(c commandDef) string {
	parts := []string{"presspass", c.Path}
	if subs := subcommands(c.Path); len(subs) > 0 {
		names := make([]string, len(subs))
		for i, s := range subs {
			names[i] = strings.TrimPrefix(s.Path, c.Path+" ")
		}
		parts = append(parts, strings.Join(names, "|"), "…")
	} else if c.Args != "" {
		parts = append(parts, c.Args)
	}
	for _, d := range commandFlags(c.Path) {
		parts = append(parts, "["+d.usageForm()+"]")
	}
	return strings.Join(parts, " ")
}

// subcommandNames lists a command's subcommands for a sentence: "create,
// list, get, update or delete".
func subcommandNames(top string) string {
	var names []string
	for _, s := range subcommands(top) {
		names = append(names, strings.TrimPrefix(s.Path, top+" "))
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// unknownSubcommand refuses a subcommand, suggesting the nearest.
func unknownSubcommand(top, sub string) error {
	var names []string
	for _, s := range subcommands(top) {
		names = append(names, strings.TrimPrefix(s.Path, top+" "))
	}
	return fmt.Errorf("%q is not a %s command; choose one of: %s.%s", sub, top, strings.Join(names, ", "), didYouMean(sub, names))
}

// plural words a count: "1 post", "3 posts".
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
