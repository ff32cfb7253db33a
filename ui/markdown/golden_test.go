package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Goldens live in testdata/<TestName>_<width>.golden; refresh them with
//
//	go test ./ui/markdown/ -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files")

// goldenWidths are the terminal widths every layout golden is taken at.
var goldenWidths = []int{80, 120}

// plainLines renders md at width with the dark theme and returns its lines
// with escape sequences and trailing blanks removed.
func plainLines(t *testing.T, md string, width int) []string {
	t.Helper()
	return plainLinesTheme(t, md, width, ThemeDark)
}

// plainLinesTheme is plainLines with another theme.
func plainLinesTheme(t *testing.T, md string, width int, theme Theme) []string {
	t.Helper()
	r, err := NewRenderer(width, theme)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := r.RenderLines(md)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(ansi.Strip(l), " ")
	}
	return out
}

// requireGolden compares lines with the golden file for the test and width.
func requireGolden(t *testing.T, width int, lines []string) {
	t.Helper()
	path := filepath.Join("testdata", t.Name()+"_"+strconv.Itoa(width)+".golden")
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("rendering at %d columns differs from %s:\n--- got\n%s--- want\n%s", width, path, got, want)
	}
}

// requireFits fails if a line is wider than the terminal.
func requireFits(t *testing.T, width int, lines []string) {
	t.Helper()
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line %d is %d cells wide at %d columns: %q", i, w, width, l)
		}
	}
}
