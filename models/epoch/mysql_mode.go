package epoch

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The epoch lease (lease.go) rests on one fact: a MySQL named lock is
// server-wide, so while this process holds the epoch lock no other process
// can bump. That holds on one server. It does not on a Galera cluster or in
// MySQL Group Replication, where every node keeps its own named locks and
// each node's processes would take "the" lock at once, each trusting that
// nobody else writes; nor behind a proxy that spreads connections over
// several primaries. There every request reads the epochs (per-request
// mode), and on Galera that read first waits until its node has applied
// every write the cluster certified before it (wsrep_sync_wait), so that it
// sees a change committed through any node.
//
// The mode is decided when the source opens, from what the server says of
// itself, and again whenever the lease's connection reconnects: a server
// that has become a cluster node, or a connection that now reaches another
// server than before (a proxy, a fail-over), turns the lease off for good.

// Mode is how a MySQL source learns that the epochs moved.
type Mode string

// The modes. ModeAuto decides from the server.
const (
	ModeAuto       Mode = "auto"
	ModeLease      Mode = "lease"
	ModePerRequest Mode = "per-request"
	// ModeWALWatch is SQLite's: the WAL index tells when anything was
	// committed.
	ModeWALWatch Mode = "wal-watch"
)

// ParseMode reads a --epoch-mode value.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case "", ModeAuto:
		return ModeAuto, nil
	case ModeLease, ModePerRequest:
		return m, nil
	}
	return "", fmt.Errorf("epoch mode %q: want auto, lease or per-request", s)
}

// Decision is the mode a source runs in, and why, for the start-up log.
type Decision struct {
	Mode Mode
	Why  string
}

// server is what a MySQL server says of itself.
type server struct {
	galera      bool
	clusterSize string // wsrep_cluster_size
	groupRepl   bool
	// node names this server's rows of epoch_stripes: the Galera node's
	// name, so that writers on different nodes never update one row.
	node string
	// identity tells one server from another (host, port, server id).
	identity string
}

// cluster describes why named locks are not global on s; "" when they are.
func (s server) cluster() string {
	switch {
	case s.galera:
		return fmt.Sprintf("the server is a Galera node (wsrep_on=ON, wsrep_cluster_size=%s), whose named locks are its own", s.clusterSize)
	case s.groupRepl:
		return "the server is a member of MySQL Group Replication, whose named locks are its own"
	}
	return ""
}

// detect asks the server what it is. A variable the server does not have
// is simply absent from the answer.
func detect(ctx context.Context, q Queryer) (server, error) {
	var s server
	vars, err := showVariables(ctx, q, "SHOW GLOBAL VARIABLES WHERE Variable_name IN "+
		"('wsrep_on', 'wsrep_node_name', 'group_replication_group_name', 'hostname', 'port', 'server_id')")
	if err != nil {
		return s, err
	}
	s.galera = strings.EqualFold(vars["wsrep_on"], "ON")
	s.groupRepl = vars["group_replication_group_name"] != ""
	s.identity = vars["hostname"] + ":" + vars["port"] + "#" + vars["server_id"]
	if s.galera {
		s.node = vars["wsrep_node_name"]
		status, err := showVariables(ctx, q, "SHOW GLOBAL STATUS WHERE Variable_name = 'wsrep_cluster_size'")
		if err != nil {
			return s, err
		}
		s.clusterSize = status["wsrep_cluster_size"]
	}
	return s, nil
}

// showVariables reads a SHOW VARIABLES or SHOW STATUS answer into a map
// keyed by lower-case name.
func showVariables(ctx context.Context, q Queryer, stmt string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, stmt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var name string
		var value sql.NullString
		if err := rows.Scan(&name, &value); err != nil {
			return nil, err
		}
		m[strings.ToLower(name)] = value.String
	}
	return m, rows.Err()
}

// decide picks the mode for a server: what was asked for, or in auto mode
// the lease exactly where named locks are server-wide.
func decide(want Mode, s server, detectErr error) Decision {
	cluster := s.cluster()
	switch {
	case want == ModeLease && cluster != "":
		return Decision{ModeLease, "forced by --epoch-mode=lease although " + cluster +
			": a change made through another node may go unseen here for up to a minute"}
	case want == ModeLease:
		return Decision{ModeLease, "forced by --epoch-mode=lease"}
	case want == ModePerRequest && cluster != "":
		return Decision{ModePerRequest, "forced by --epoch-mode=per-request; " + cluster + causalNote(s)}
	case want == ModePerRequest:
		return Decision{ModePerRequest, "forced by --epoch-mode=per-request: every request reads the epochs"}
	case detectErr != nil:
		return Decision{ModePerRequest, fmt.Sprintf("the server would not say whether it is a cluster node (%v): every request reads the epochs", detectErr)}
	case cluster != "":
		return Decision{ModePerRequest, cluster + ", so no process can know that nobody else changed anything: every request reads the epochs" + causalNote(s)}
	}
	return Decision{ModeLease, "one MySQL server, whose named locks are server-wide: while this process holds the epoch lock it answers from its caches with no query, and other processes read the epochs per request"}
}

// causalNote says how the per-request read sees every earlier commit.
func causalNote(s server) string {
	switch {
	case s.galera:
		return ", waiting first for its node to apply every write the cluster certified before it (wsrep_sync_wait=1)"
	case s.groupRepl:
		return " (set group_replication_consistency=BEFORE on the server so that the read sees every earlier commit)"
	}
	return ""
}
