package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// mostShown is how many candidates a Tab that can't decide names.
const mostShown = 8

// tokenAtCursor finds an @path token that ends at the cursor.
var tokenAtCursor = regexp.MustCompile(`(?:^|\s)@(\S*)$`)

// pathBeforeCursor returns the path of the @path token the cursor ends;
// ok is false when the cursor ends none (then Tab is not completion).
func (m *Model) pathBeforeCursor() (path string, ok bool) {
	lines := strings.Split(m.input.Value(), "\n")
	row := m.input.Line()
	if row < 0 || row >= len(lines) {
		return "", false
	}
	line := []rune(lines[row])
	col := min(max(0, m.input.Column()), len(line))
	if col < len(line) && line[col] != ' ' && line[col] != '\t' {
		return "", false // the cursor is inside a word
	}
	sub := tokenAtCursor.FindStringSubmatch(string(line[:col]))
	if sub == nil {
		return "", false
	}
	return sub[1], true
}

// completePath is Tab while the cursor ends an @path token: the names in
// the token's directory are listed in a command, and completionMsg
// completes the token. It reports false when the cursor ends no @path
// token, and Tab then does what it does elsewhere.
func (m *Model) completePath() (tea.Cmd, bool) {
	path, ok := m.pathBeforeCursor()
	if !ok {
		return nil, false
	}
	return listCandidates(path), true
}

// completionMsg is what a path token may be completed to.
type completionMsg struct {
	path string
	// names are the entries of path's directory that start with its last
	// element, sorted; a directory's ends with "/".
	names []string
	err   error
}

// listCandidates lists the entries that could complete path.
func listCandidates(path string) tea.Cmd {
	return func() tea.Msg {
		if path == "~" { // the home directory, as a shell completes it
			return completionMsg{path: path, names: []string{"~/"}}
		}
		dir, base := filepath.Split(path)
		ents, err := os.ReadDir(cmpDir(dir))
		if err != nil {
			return completionMsg{path: path, err: err}
		}
		var names []string
		for _, e := range ents {
			n := e.Name()
			if !strings.HasPrefix(n, base) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".")) {
				continue
			}
			if e.IsDir() {
				n += "/"
			}
			names = append(names, n)
		}
		sort.Strings(names)
		return completionMsg{path: path, names: names}
	}
}

// cmpDir is the directory to list: the current one for a bare name.
func cmpDir(dir string) string {
	if dir == "" {
		return "."
	}
	return session.ExpandHome(dir)
}

func (msg completionMsg) apply(m *Model) tea.Cmd {
	if path, ok := m.pathBeforeCursor(); !ok || path != msg.path {
		return nil // the input moved on meanwhile
	}
	_, base := filepath.Split(msg.path)
	switch {
	case msg.err != nil || len(msg.names) == 0:
		m.footer.push("No file matches @"+msg.path+".", false)
		return nil
	}
	common := msg.names[0]
	for _, n := range msg.names[1:] {
		for !strings.HasPrefix(n, common) {
			common = common[:len(common)-1]
		}
	}
	if len(common) > len(base) {
		m.insertInput(common[len(base):])
		m.layout()
		return nil
	}
	shown := msg.names[:min(len(msg.names), mostShown)]
	more := ""
	if len(msg.names) > mostShown {
		more = " …"
	}
	m.footer.push(strings.Join(shown, "  ")+more, false)
	return nil
}
