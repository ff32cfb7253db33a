package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/config"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
)

// printNotices writes store notices to stderr, one sentence each.
func (a *app) printNotices(notices []string) {
	for _, n := range notices {
		fmt.Fprintf(a.stderr, "lockchat: %s\n", sanitize.Line(n))
	}
}

// storePath is where conversations live: --data-dir, data_dir or the
// default directory; --demo's conversations have a store of their own
// there, so that they never enter the user's list.
func (a *app) storePath(s config.Settings) (string, error) {
	path, err := session.PathIn(s.DataDir)
	if err != nil || !a.demo {
		return path, err
	}
	return filepath.Join(filepath.Dir(path), demoFileName), nil
}

// openStore opens the conversation store through a journal, which keeps
// the conversation in memory whenever the store can't be written.
func (a *app) openStore(s config.Settings) (*session.Journal, []string, error) {
	path, err := a.storePath(s)
	if err != nil {
		return nil, nil, err
	}
	journal, opened := session.OpenJournal(path)
	var notices []string
	for _, n := range opened {
		notices = append(notices, n.Text)
	}
	return journal, notices, nil
}

// closeStore flushes what is left and says so if anything could not be saved.
func (a *app) closeStore(j *session.Journal) {
	if j == nil {
		return
	}
	if err := j.Close(); err != nil {
		fmt.Fprintf(a.stderr, "lockchat: %s\n", sanitize.Line(err.Error()))
	}
}

// withStore opens the store for a subcommand with open (session.Open to
// write, session.OpenReadOnly for commands that only read, which then
// work in a read-only data directory) and closes it after.
func (a *app) withStore(open func(string) (*session.Store, []session.Notice, error),
	f func(*session.Store, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		s, err := a.settings(cmd.Context())
		if err != nil {
			return err
		}
		path, err := a.storePath(s)
		if err != nil {
			return err
		}
		store, notices, err := open(path)
		for _, n := range notices {
			fmt.Fprintf(a.stderr, "lockchat: %s\n", n.Text)
		}
		if err != nil {
			return err
		}
		defer store.Close()
		return f(store, args)
	}
}

// checkOutput refuses an -o that names a directory, before anything is
// done; standard output needs no check.
func checkOutput(output string) error {
	if toStdout(output) {
		return nil
	}
	err := session.CheckOutput(output)
	if errors.Is(err, syscall.EISDIR) {
		return usageError{fmt.Errorf("-o %s is a directory: name a file to write to", output)}
	}
	return err
}

// toStdout reports whether -o output means standard output.
func toStdout(output string) bool {
	return output == "" || output == "-" || output == "/dev/stdout"
}

// export writes one conversation in the chosen format, to stdout or to a
// file (see session.WriteOutput: a regular file is replaced atomically,
// a device or FIFO written in place). The store checks the format: an
// unknown one is a usage error, and no file is left behind.
func (a *app) export(s *session.Store, args []string, format, output string) error {
	ref := session.LastWord
	if len(args) == 1 {
		ref = args[0]
	}
	var err error
	if toStdout(output) {
		err = s.Export(a.stdout, ref, format)
	} else {
		err = session.WriteOutput(output, func(w io.Writer) error { return s.Export(w, ref, format) })
	}
	if errors.Is(err, session.ErrInvalid) {
		return usageError{err}
	}
	return err
}

// rememberedPrefs applies what the store remembers about the server s
// talks to: a server that refused the request for usage is not asked
// again.
func rememberedPrefs(s *config.Settings, j *session.Journal) {
	if j == nil {
		return
	}
	store := j.Store()
	if store == nil {
		return
	}
	if p, err := store.ProviderPrefs(client.StoredBaseURL(s.Provider)); err == nil && p.NoStreamUsage {
		s.Options.NoStreamUsage = true
	}
}
