package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/lockchat/lockchat/ui"
)

// manEntry is one .TP paragraph of the page, its tag and body as plain text.
type manEntry struct{ tag, body string }

// manSection is one .SH of the page.
type manSection struct {
	name    string
	text    string // lines outside any .TP entry
	entries []manEntry
}

// renderMan runs `lockchat man` the way a user does.
func renderMan(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var out, errs strings.Builder
	if code := run([]string{"man"}, strings.NewReader(""), &out, &errs); code != 0 || errs.Len() != 0 {
		t.Fatalf("lockchat man: exit %d, stderr %q", code, errs.String())
	}
	return out.String()
}

var unroff = strings.NewReplacer(`\fB`, "", `\fI`, "", `\fR`, "", `\-`, "-", `\e`, `\`, `\&`, "", `\(dq`, `"`)

// parseMan splits the roff source into sections and tagged entries.
func parseMan(page string) []manSection {
	var secs []manSection
	tagNext, inEntry := false, false
	for _, l := range strings.Split(strings.TrimRight(page, "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, ".SH "):
			secs = append(secs, manSection{name: strings.TrimPrefix(l, ".SH ")})
			inEntry = false
		case l == ".TP":
			tagNext = true
		case l == ".PP":
			inEntry = false
		case strings.HasPrefix(l, ".") || len(secs) == 0:
		case tagNext:
			s := &secs[len(secs)-1]
			s.entries = append(s.entries, manEntry{tag: unroff.Replace(l)})
			tagNext, inEntry = false, true
		default:
			s := &secs[len(secs)-1]
			if n := len(s.entries); inEntry {
				s.entries[n-1].body += unroff.Replace(l) + " "
			} else {
				s.text += unroff.Replace(l) + "\n"
			}
		}
	}
	return secs
}

func section(t *testing.T, secs []manSection, name string) manSection {
	t.Helper()
	for _, s := range secs {
		if s.name == name {
			return s
		}
	}
	t.Fatalf("the man page has no %s section", name)
	return manSection{}
}

func tags(s manSection) []string {
	var out []string
	for _, e := range s.entries {
		out = append(out, e.tag)
	}
	return out
}

func TestManPageSections(t *testing.T) {
	page := renderMan(t)
	var names []string
	for _, s := range parseMan(page) {
		names = append(names, s.name)
	}
	want := []string{"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "KEYS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"}
	if !slices.Equal(names, want) {
		t.Errorf("sections %q, want %q", names, want)
	}
	if again := renderMan(t); again != page {
		t.Error("two runs printed different pages")
	}
}

// TestManPageFlags: short and long forms as a user types them, with the
// name of the value a flag takes; never fang's "--c --continue".
func TestManPageFlags(t *testing.T) {
	page := renderMan(t)
	plain := unroff.Replace(page)
	if m := regexp.MustCompile(`(^|[^-\w])--\w([^-\w]|$)`).FindString(plain); m != "" {
		t.Errorf("the page spells a short flag with two dashes: %q", m)
	}
	secs := parseMan(page)
	opts := tags(section(t, secs, "OPTIONS"))
	for _, want := range []string{"-c, --continue", "-m, --model MODEL", "--timeout DURATION", "-p, --prompt PROMPT", "-h, --help"} {
		if !slices.Contains(opts, want) {
			t.Errorf("OPTIONS has no %q entry; it has %q", want, opts)
		}
	}
	root := newApp(nil, nil, nil).rootCommand()
	checkFlagTags(t, root.LocalFlags(), opts)
	// A command's own flags are entries nested in its COMMANDS entry.
	cmds := tags(section(t, secs, "COMMANDS"))
	for _, c := range root.Commands() {
		checkFlagTags(t, c.LocalNonPersistentFlags(), cmds)
	}
}

// checkFlagTags finds each visible flag of fs among tags, in the form
// [-s, ]--name[ VALUE].
func checkFlagTags(t *testing.T, fs *pflag.FlagSet, tags []string) {
	t.Helper()
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		want := "--" + f.Name
		if f.Shorthand != "" {
			want = "-" + f.Shorthand + ", " + want
		}
		if takesValue(f) {
			if flagArgs[f.Name] == "" {
				t.Errorf("--%s takes a value but flagArgs does not name it", f.Name)
			}
			want += " " + flagArgs[f.Name]
		}
		if !slices.Contains(tags, want) {
			t.Errorf("the page has no %q entry", want)
		}
	})
}

func TestManPageCommands(t *testing.T) {
	secs := parseMan(renderMan(t))
	got := map[string]string{}
	for _, e := range section(t, secs, "COMMANDS").entries {
		name, _, _ := strings.Cut(e.tag, " ")
		got[name] = e.tag
	}
	for _, want := range []string{"ls", "search QUERY", "export [ID|last]", "rename ID TITLE", "rm ID", "models",
		"completion bash|fish|powershell|zsh", "man"} {
		name, _, _ := strings.Cut(want, " ")
		if got[name] != want {
			t.Errorf("COMMANDS: %q, want %q", got[name], want)
		}
	}
	if _, ok := got["help"]; ok {
		t.Error("COMMANDS lists cobra's help command")
	}
}

// TestManPageKeys: every default binding with its keys and description,
// and every action the [keys] table accepts.
func TestManPageKeys(t *testing.T) {
	keys := section(t, parseMan(renderMan(t)), "KEYS")
	got := map[string]string{}
	for _, e := range keys.entries {
		got[strings.TrimSpace(e.body)] = e.tag
	}
	n := 0
	for _, col := range ui.DefaultKeyMap().FullHelp() {
		for _, b := range col {
			n++
			if want := strings.Join(b.Keys(), ", "); got[b.Help().Desc] != want {
				t.Errorf("KEYS: %q has %q, want %q", b.Help().Desc, got[b.Help().Desc], want)
			}
		}
	}
	if len(keys.entries) != n {
		t.Errorf("KEYS has %d entries, the key map %d", len(keys.entries), n)
	}
	if want := strings.Join(ui.KeyActions(), ", ") + "."; !strings.Contains(strings.ReplaceAll(keys.text, "\n", " "), want) {
		t.Errorf("KEYS does not list the actions %q:\n%s", want, keys.text)
	}
}

// TestManPageEnvironmentMatchesReadme: the page and README.md name the
// same variables.
func TestManPageEnvironmentMatchesReadme(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "\nEnvironment:\n")
	table, _, _ = strings.Cut(strings.TrimLeft(table, "\n"), "\n\n")
	if !ok {
		t.Fatal("README.md has no Environment: table")
	}
	var readme []string
	for _, row := range strings.Split(table, "\n")[2:] {
		cells := strings.Split(row, "|")
		for _, m := range regexp.MustCompile("`([A-Z_]+)`").FindAllStringSubmatch(cells[1], -1) {
			readme = append(readme, m[1])
		}
	}
	var man []string
	for _, tag := range tags(section(t, parseMan(renderMan(t)), "ENVIRONMENT")) {
		man = append(man, strings.Split(tag, ", ")...)
	}
	slices.Sort(readme)
	slices.Sort(man)
	if !slices.Equal(readme, man) || len(man) == 0 {
		t.Errorf("README.md's environment table names %q, the man page %q", readme, man)
	}
}

func TestManPageFilesAndExitStatus(t *testing.T) {
	secs := parseMan(renderMan(t))
	files := strings.Join(tags(section(t, secs, "FILES")), "\n")
	for _, want := range []string{"config.toml", "/lockchat.db\n", "lockchat.db.deltas/", "lockchat.db.v1.bak"} {
		if !strings.Contains(files+"\n", want) {
			t.Errorf("FILES does not name %q:\n%s", want, files)
		}
	}
	if got := tags(section(t, secs, "EXIT STATUS")); !slices.Equal(got, []string{"0", "1", "2", "130"}) {
		t.Errorf("EXIT STATUS lists %q", got)
	}
}

// TestManPageIsValidRoff renders the page with groff, when it is
// installed, and fails on any warning.
func TestManPageIsValidRoff(t *testing.T) {
	page := renderMan(t)
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff is not installed")
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-P-cbou")
	cmd.Stdin = strings.NewReader(page)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil || errs.Len() != 0 {
		t.Fatalf("groff: %v: %s", err, errs.String())
	}
	if !strings.Contains(out.String(), "-c, --continue") {
		t.Errorf("the rendered page has no \"-c, --continue\":\n%s", out.String())
	}
}

func TestManCommandRefusesArguments(t *testing.T) {
	var out, errs strings.Builder
	if code := run([]string{"man", "extra"}, strings.NewReader(""), &out, &errs); code != 2 || out.Len() != 0 {
		t.Errorf("lockchat man extra: exit %d, stdout %q; want exit 2 and nothing", code, out.String())
	}
}
