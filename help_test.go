package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/pflag"
)

// TestHelpNamesEachValue: --help shows no `--model MODEL` column (fang
// prints the flag names alone), so each description names the value the
// way the man page does, and a reader of --help knows what to pass.
func TestHelpNamesEachValue(t *testing.T) {
	isolate(t)
	root := newApp(nil, nil, nil).rootCommand()
	check := func(cmd string, fs *pflag.FlagSet, help string) {
		fs.VisitAll(func(f *pflag.Flag) {
			if f.Hidden || !takesValue(f) {
				return
			}
			line := helpLine(help, f.Name)
			if line == "" {
				t.Errorf("%s --help has no line for --%s:\n%s", cmd, f.Name, help)
				return
			}
			if !regexp.MustCompile(`\b` + flagArgs[f.Name] + `\b`).MatchString(line) {
				t.Errorf("%s --help does not name the value of --%s (%s): %q", cmd, f.Name, flagArgs[f.Name], line)
			}
		})
	}
	r := runArgs("", "--help")
	check("lockchat", root.LocalFlags(), r.stdout)
	for _, c := range root.Commands() {
		r := runArgs("", c.Name(), "--help")
		check("lockchat "+c.Name(), c.LocalNonPersistentFlags(), r.stdout)
	}
}

// helpLine is the line of help that describes --name.
func helpLine(help, name string) string {
	for _, l := range strings.Split(ansi.Strip(help), "\n") {
		if regexp.MustCompile(`^\s*(-\w\s+)?--` + name + `\s`).MatchString(l) {
			return l
		}
	}
	return ""
}
