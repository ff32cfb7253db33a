package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// tableCases are tables that do not fit a narrow screen or a wide one.
var tableCases = map[string]string{
	// Header words longer than most cells of their columns, and one long
	// column: lipgloss alone cut the headers to "Requ…" and split short
	// cells mid-word while the long column still had room.
	"headers": "| Parameter | Description | Required | Default |\n|---|---|:-:|--:|\n" +
		"| path | The file or directory that the command reads; a directory is walked recursively, skipping hidden files and anything listed in .gitignore, unless --all is given | yes | . |\n" +
		"| depth | How many levels of directories to descend | no | 10 |\n" +
		"| format | `text` or `json` | no | text |\n",
	// Headers long enough that at 120 columns lipgloss cut them to give
	// the long column half the screen.
	"long-headers": "| Environment variable | Configuration file key | Default value | Description |\n|---|---|---|---|\n" +
		"| LC_WIDTH | width | 80 | The width replies are wrapped at, in cells; zero follows the terminal, and anything narrower than sixteen is widened to sixteen |\n" +
		"| LC_THEME | theme | dark | dark, light or plain |\n",
	// At 60 columns the widest cells add up to the table's width without
	// the column borders: lipgloss takes such a table for one that fits and
	// lays it out wider than it was told by its borders.
	"borders": "| Key | Kind | Meaning |\n|---|---|---|\n| alpha | beta | a sentence of forty cells, ending in END |\n",
	// More columns than fit even with every header whole at 60 columns.
	"wide": "| Identifier | Timestamp | Status | Throughput | Latency | Region | Description |\n|---|---|---|---|---|---|---|\n" +
		"| 7f3a9c | 2024-01-01T12:00:00Z | healthy | 1200 req/s | 35 ms | eu-west-1 | primary database replica serving reads |\n" +
		"| 1b2c3d | 2024-01-01T12:00:05Z | degraded | 300 req/s | 250 ms | us-east-1 | `cache` node under memory pressure, evicting keys |\n",
}

// TestGoldenTable renders tables wider than the screen: they fit it, and
// headers stay whole whenever they can.
func TestGoldenTable(t *testing.T) {
	for name, md := range tableCases {
		t.Run(name, func(t *testing.T) {
			for _, w := range cutWidths {
				lines := plainLines(t, "Before.\n\n"+md+"\nAfter.\n", w)
				requireFits(t, w, lines)
				if name == "headers" || w == 120 {
					requireWholeHeader(t, md, lines)
				}
				switch name {
				case "headers":
					requireWholeWords(t, lines, "Parameter", "Required", "Default", "format", "depth", "text", "json", "10")
				case "borders":
					requireWholeWords(t, lines, "END")
				}
				requireGolden(t, w, lines)
			}
		})
	}
}

// requireWholeHeader checks that the header row shows every header.
func requireWholeHeader(t *testing.T, md string, lines []string) {
	t.Helper()
	head, _, _ := strings.Cut(md, "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "│") })
	if i < 0 {
		t.Fatalf("no table in %q", lines)
	}
	for _, h := range splitCells(head) {
		if !strings.Contains(lines[i], h) {
			t.Errorf("header %q is not whole in %q", h, lines[i])
		}
	}
}

// requireWholeWords checks that each word shows whole on some line.
func requireWholeWords(t *testing.T, lines []string, words ...string) {
	t.Helper()
	all := strings.Join(lines, "\n")
	for _, w := range words {
		if !strings.Contains(all, w) {
			t.Errorf("%q is split or cut:\n%s", w, all)
		}
	}
}

// A table that streams in renders in the tail, row by row, as a full
// render of the same text does.
func TestStreamTableEqualsFullRender(t *testing.T) {
	for name, md := range tableCases {
		doc := "Intro paragraph.\n\n" + md + "\nText between.\n\n" + md + "\n## After\n\nThe end.\n"
		for _, w := range []int{40, 60, 120} {
			for _, theme := range []Theme{ThemeDark, ThemePlain} {
				t.Run(fmt.Sprintf("%s/%d/%s", name, w, theme), func(t *testing.T) {
					checkStream(t, doc, w, theme, 1)
				})
			}
		}
	}
}

func TestSplitCells(t *testing.T) {
	for _, c := range []struct {
		line string
		want []string
	}{
		{"| a | b |", []string{"a", "b"}},
		{"a | b", []string{"a", "b"}},
		{"| a \\| b | `c` |", []string{"a \\| b", "`c`"}},
		{"| a | |", []string{"a", ""}},
		{"|", nil},
		{"| a ||", []string{"a"}},
		{"a | ", []string{"a"}},
	} {
		if got := splitCells(c.line); !slices.Equal(got, c.want) {
			t.Errorf("splitCells(%q) = %q, want %q", c.line, got, c.want)
		}
	}
}

// Only top-level tables are found: not in code, quotes or lists.
func TestFindTables(t *testing.T) {
	table := "| a | b |\n|---|:-:|\n| 1 | 2 |\n"
	md := "Text.\n\n" + table + "\n```\n" + table + "```\n\n> " + strings.ReplaceAll(table, "\n", "\n> ") +
		"\n\n- item\n\n  " + strings.ReplaceAll(table, "\n", "\n  ") + "\nPara\n" + table
	got := findTables(nil, md)
	if len(got) != 2 {
		t.Fatalf("found %d tables, want 2: %+v", len(got), got)
	}
	if md[got[0].start:got[0].end] != table || md[got[1].start:got[1].end] != table {
		t.Errorf("tables at the wrong place: %q, %q", md[got[0].start:got[0].end], md[got[1].start:got[1].end])
	}
	got[0].parse(md)
	if string(got[0].align) != "\x00c" || !slices.Equal(got[0].rows[1], []string{"1", "2"}) {
		t.Errorf("table parsed as %+v", got[0])
	}
}
