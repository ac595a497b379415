// Package history keeps the cells a kernel ran, per user and across kernel
// restarts, as IPython's history does: every start of a kernel is a new
// session, numbered from 1, and every cell it runs is recorded under that
// session and its execution count, together with the text/plain form of
// its result. It serves Jupyter's history_request (tail, range and search
// access) and knows nothing of Jupyter or Go: inputs and outputs are plain
// strings.
//
// The store is one SQLite file shared by all the kernels of a user, several
// of which may run, and write, at the same time. The file is kept in WAL
// mode so that readers never wait for writers, every write is a single
// short statement or transaction so that no kernel holds the lock for long,
// and a busy timeout makes the others wait for it instead of failing. A
// kernel killed in the middle of a write loses at most that write: SQLite
// rolls back whatever it had not committed when the file is next opened.
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite" // also registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
)

// Entry is one recorded cell.
type Entry struct {
	Session int // the kernel start that ran it, counting from 1
	Line    int // its execution count in that session
	Input   string
	Output  string // text/plain of its result, "" if none (only filled when asked for output)
}

// Store is a kernel's handle on the history file: one session in it, and
// read access to all of them. Its methods are safe for concurrent use.
type Store struct {
	db      *sql.DB
	session int

	closeOnce sync.Once
	closeErr  error
}

// schemaVersion is kept in PRAGMA user_version, so that a file written by a
// later, incompatible layout is refused rather than misread.
const schemaVersion = 1

const schema = `
CREATE TABLE IF NOT EXISTS sessions (
	session  INTEGER PRIMARY KEY AUTOINCREMENT,
	start    TEXT NOT NULL,
	end      TEXT,
	num_cmds INTEGER
);
CREATE TABLE IF NOT EXISTS history (
	session INTEGER NOT NULL,
	line    INTEGER NOT NULL,
	input   TEXT NOT NULL,
	output  TEXT,
	PRIMARY KEY (session, line)
);
`

// DefaultPath is the store's file for the current user: $GOPAR_HISTORY if
// set, else gopar/history.sqlite in the platform's directory for a user's
// application data (dataHome). The data home, not the config or cache
// one, because history is data the user would miss if it were cleared.
func DefaultPath() (string, error) {
	if p := os.Getenv("GOPAR_HISTORY"); p != "" {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = ""
	}
	dir := dataHome(runtime.GOOS, os.Getenv, home)
	if dir == "" {
		return "", fmt.Errorf("history: default path: %w (set GOPAR_HISTORY)", err)
	}
	return filepath.Join(dir, "gopar", "history.sqlite"), nil
}

// dataHome is where a user's application data goes on goos: the XDG base
// directory spec's data home on Linux and other Unix systems
// ($XDG_DATA_HOME if absolute, else ~/.local/share, where Jupyter keeps
// its own data), ~/Library/Application Support on macOS, and
// %LOCALAPPDATA% on Windows (history belongs to one machine, not to a
// roaming profile). "" when nothing tells.
func dataHome(goos string, getenv func(string) string, home string) string {
	switch goos {
	case "darwin":
		if home != "" {
			return filepath.Join(home, "Library", "Application Support")
		}
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return d
		}
		if home != "" {
			return filepath.Join(home, "AppData", "Local")
		}
	default:
		// The spec says a relative $XDG_DATA_HOME is invalid and to be ignored.
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return d
		}
		if home != "" {
			return filepath.Join(home, ".local", "share")
		}
	}
	return ""
}

// busyTimeout is how long a kernel waits for the others to release the file.
const busyTimeout = 5 * time.Second

// dsn is the driver's name for the file at path. The path goes in a
// "file:" URI, escaped, so that a '?' or '#' in it is not taken for the
// start of the parameters. synchronous(NORMAL) is safe in WAL mode against
// a process being killed; only a power loss may drop the last commits.
// _txlock=immediate takes the write lock at BEGIN, so that a transaction
// waits for it there instead of failing later when it would upgrade a read
// lock, which the busy timeout cannot help with. WAL mode is set by wal,
// not here.
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String()
}

// Open opens (creating file, directories with 0700, and schema as needed) the
// store at path and starts a new session in it: each Open is a new session
// number (max+1, allocated atomically even when several kernels open the
// same file at the same time).
func Open(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}
	// Inputs may hold secrets: create the file private to the user before
	// SQLite creates it with the umask's mode (its WAL files copy the mode).
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}

	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}
	err = wal(ctx, db)
	var session int
	if err == nil {
		session, err = begin(ctx, db)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}
	return &Store{db: db, session: session}, nil
}

// wal puts the file in WAL mode, which the file then keeps, so that readers
// and the writer of the moment do not wait for each other. The switch needs
// the file to itself for a moment, and SQLite fails it at once rather than
// wait through the busy timeout when another kernel has the file open (as
// kernels starting together on a new file do), so it is retried here.
func wal(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	delay := time.Millisecond
	for {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		if err == nil && strings.EqualFold(mode, "wal") {
			return nil
		}
		if err == nil {
			// SQLite answers the mode it kept when it could not switch.
			err = fmt.Errorf("journal mode stays %s", mode)
		} else if !busy(err) {
			return fmt.Errorf("WAL mode: %w", err)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("WAL mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("WAL mode: %w", ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, 50*time.Millisecond)
	}
}

func busy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// begin makes sure of the schema and allocates a session, in one write
// transaction so that two kernels starting together neither both create
// the schema nor get the same number.
func begin(ctx context.Context, db *sql.DB) (session int, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	if version > schemaVersion {
		return 0, fmt.Errorf("schema version %d is newer than this kernel's %d", version, schemaVersion)
	}
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return 0, fmt.Errorf("create schema: %w", err)
	}
	if version < schemaVersion {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
			return 0, err
		}
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO sessions (start) VALUES (?)", now())
	if err != nil {
		return 0, fmt.Errorf("new session: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("new session: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit: %w", err)
	}
	return int(id), nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// Session is this store's session number.
func (s *Store) Session() int { return s.session }

// Close ends the session, noting when and how many cells it ran, and
// closes the file. Closing again does nothing more.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		// Bounded by the busy timeout; the note is a courtesy, the file is
		// closed whether or not it is written.
		_, err := s.db.Exec(`UPDATE sessions SET end = ?,
			num_cmds = (SELECT count(*) FROM history WHERE session = ?)
			WHERE session = ?`, now(), s.session, s.session)
		if err != nil {
			err = fmt.Errorf("history: close session %d: %w", s.session, err)
		}
		if cerr := s.db.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("history: close: %w", cerr))
		}
		s.closeErr = err
	})
	return s.closeErr
}

// Record stores a cell's input for this session under line n; SetOutput
// later adds the text of its result (a cell's output may come after the
// input was recorded). Recording a line again replaces its input and drops
// the output of the earlier run.
func (s *Store) Record(ctx context.Context, line int, input string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO history (session, line, input) VALUES (?, ?, ?)
		ON CONFLICT (session, line) DO UPDATE SET input = excluded.input, output = NULL`,
		s.session, line, input)
	if err != nil {
		return fmt.Errorf("history: record line %d: %w", line, err)
	}
	return nil
}

// SetOutput stores the text of the result of this session's line, which
// must have been recorded; it replaces any output set before.
func (s *Store) SetOutput(ctx context.Context, line int, output string) error {
	res, err := s.db.ExecContext(ctx, "UPDATE history SET output = ? WHERE session = ? AND line = ?",
		output, s.session, line)
	if err != nil {
		return fmt.Errorf("history: set output of line %d: %w", line, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("history: set output of line %d: %w", line, err)
	}
	if n == 0 {
		return fmt.Errorf("history: set output of line %d: no input recorded for it in session %d", line, s.session)
	}
	return nil
}

// limit is n as SQLite's LIMIT, where a negative one is no limit.
func limit(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// Tail returns the last n entries across all sessions, oldest first (n <= 0: all).
func (s *Store) Tail(ctx context.Context, n int, output bool) ([]Entry, error) {
	es, err := s.query(ctx, `SELECT session, line, input, coalesce(output, '') FROM history
		ORDER BY session DESC, line DESC LIMIT ?`, output, limit(n))
	if err != nil {
		return nil, fmt.Errorf("history: tail: %w", err)
	}
	slices.Reverse(es)
	return es, nil
}

// Range returns the entries of one session with start <= line < stop, oldest
// first. session follows IPython: a positive number is that session; 0 is the
// current one; a negative number counts back from the current one (-1 is the
// previous session). stop <= 0 means no upper bound. start is as IPython
// (lines count from 1; start 0 same as 1).
func (s *Store) Range(ctx context.Context, session, start, stop int, output bool) ([]Entry, error) {
	if session <= 0 {
		session += s.session
	}
	if session < 1 {
		return nil, nil // before the first session: nothing, as in IPython
	}
	if stop <= 0 {
		stop = -1
	}
	es, err := s.query(ctx, `SELECT session, line, input, coalesce(output, '') FROM history
		WHERE session = ? AND line >= ? AND (? < 0 OR line < ?)
		ORDER BY line`, output, session, start, stop, stop)
	if err != nil {
		return nil, fmt.Errorf("history: range of session %d: %w", session, err)
	}
	return es, nil
}

// Search returns entries whose input matches a glob pattern (IPython's: *
// and ?, and [...] classes, matched against the whole input, as sqlite's
// GLOB does), newest n (n <= 0: all) in oldest-first order; unique drops
// repeated inputs, keeping the newest one.
func (s *Store) Search(ctx context.Context, pattern string, n int, unique, output bool) ([]Entry, error) {
	q := `SELECT session, line, input, coalesce(output, '') FROM history
		WHERE input GLOB ?1 ORDER BY session DESC, line DESC LIMIT ?2`
	if unique {
		// Rank each input's runs newest first and keep the first; the
		// window is over matching rows only, which is the same thing as
		// the match is on the input itself.
		q = `SELECT session, line, input, out FROM (
			SELECT session, line, input, coalesce(output, '') AS out,
				row_number() OVER (PARTITION BY input ORDER BY session DESC, line DESC) AS nth
			FROM history WHERE input GLOB ?1)
		WHERE nth = 1 ORDER BY session DESC, line DESC LIMIT ?2`
	}
	es, err := s.query(ctx, q, output, pattern, limit(n))
	if err != nil {
		return nil, fmt.Errorf("history: search %q: %w", pattern, err)
	}
	slices.Reverse(es)
	return es, nil
}

// query runs a statement selecting session, line, input and output, in one
// statement so that it reads one consistent snapshot of the file.
func (s *Store) query(ctx context.Context, q string, output bool, args ...any) ([]Entry, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.Session, &e.Line, &e.Input, &e.Output); err != nil {
			return nil, err
		}
		if !output {
			e.Output = ""
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return es, nil
}
