package markdown

import (
	"strings"
)

// Glamour lays tables out with lipgloss's table, which shrinks a table
// wider than the screen column by column toward each column's median cell
// width, not counting the header, and never wraps a header: a header word
// longer than most of its column's cells is cut ("Colu…") while other
// columns still have room, and short cells are split mid-word. Glamour has
// no hook for the column widths, so a table that does not fit is rewritten
// in the markdown before glamour sees it: its column widths are chosen here
// (see tablefit.go), and every cell narrower than its column is padded to
// the column's width with non-breaking spaces, which show as blanks. Then
// lipgloss's narrowest allowed width for each column, the width of its
// narrowest cell, is the width chosen, and the widths chosen fill the
// screen exactly, so lipgloss can shrink no column below them.
//
// Only top-level tables are rewritten: a table inside a list or a quote is
// narrower by an indent that is not worked out here.

// mdTable is a table found in markdown text.
type mdTable struct {
	start, end int        // byte offsets of its header line and of the line after its last row
	delim      int        // byte offset of the delimiter row
	align      []byte     // per column: 'l', 'c', 'r' or 0 for none
	rows       [][]string // the header's cells, then each row's, trimmed, as in the source
}

// findTables returns the top-level tables of md, in order.
func findTables(md string) []mdTable {
	var out []mdTable
	var fc fence
	inFence, container, prevBlank := false, false, true
	var prev string
	prevAt := 0
	for at := 0; at < len(md); {
		line, next := lineAt(md, at)
		indent, body := splitIndent(line)
		blank := strings.TrimSpace(line) == ""
		switch {
		case inFence:
			inFence = !fc.closedBy(line)
		case blank:
			container = false
		case indent < 4:
			if f, ok := openFence(body); ok {
				f.indent = indent
				fc, inFence = f, true
			} else if prevBlank && (body[0] == '>' || isListItem(body)) {
				container = true
			} else if !container && !prevBlank && indent == 0 && strings.HasPrefix(prev, "|") {
				if t, ok := tableAt(md, prevAt, at, next); ok {
					out = append(out, t)
					at, prev, prevBlank = t.end, "", true
					continue
				}
			}
		}
		prev, prevAt, prevBlank = line, at, blank || inFence
		at = next
	}
	return out
}

// lineAt returns the line of md that starts at at, without its line feed,
// and the offset of the next line.
func lineAt(md string, at int) (string, int) {
	i := strings.IndexByte(md[at:], '\n')
	if i < 0 {
		return md[at:], len(md)
	}
	return strings.TrimSuffix(md[at:at+i], "\r"), at + i + 1
}

// tableAt returns the table whose header line starts at head and whose
// delimiter row is the line at delim, if it is one.
func tableAt(md string, head, delim, next int) (mdTable, bool) {
	dl, _ := lineAt(md, delim)
	align, ok := parseDelimiter(dl)
	if !ok {
		return mdTable{}, false
	}
	hl, _ := lineAt(md, head)
	header := splitCells(hl)
	if len(header) != len(align) {
		return mdTable{}, false
	}
	t := mdTable{start: head, delim: delim, align: align, rows: [][]string{header}}
	at := next
	for at < len(md) {
		line, after := lineAt(md, at)
		if endsTable(line) {
			break
		}
		t.rows = append(t.rows, splitCells(line))
		at = after
	}
	t.end = at
	return t, true
}

// endsTable reports whether line ends a table: a blank line or the start
// of a block that interrupts a paragraph.
func endsTable(line string) bool {
	indent, body := splitIndent(line)
	if body == "" {
		return true
	}
	if indent >= 4 {
		return false
	}
	if _, ok := openFence(body); ok {
		return true
	}
	return strings.IndexByte("#><", body[0]) >= 0 || isListItem(body)
}

// parseDelimiter parses a table's delimiter row, "| --- | :-: | --: |".
func parseDelimiter(line string) ([]byte, bool) {
	cells := splitCells(line)
	if len(cells) == 0 {
		return nil, false
	}
	align := make([]byte, len(cells))
	for i, c := range cells {
		left, right := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":")
		dashes := strings.Trim(c, ":")
		if dashes == "" || strings.Trim(dashes, "-") != "" {
			return nil, false
		}
		switch {
		case left && right:
			align[i] = 'c'
		case left:
			align[i] = 'l'
		case right:
			align[i] = 'r'
		}
	}
	return align, true
}

// splitCells splits a table row into its trimmed cells the way goldmark
// does: at every pipe not escaped by a backslash, without a pipe at either
// end.
func splitCells(line string) []string {
	line = strings.Trim(line, " \t")
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	var cells []string
	from := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			cells = append(cells, strings.Trim(line[from:i], " \t"))
			from = i + 1
		}
	}
	if from < len(line) {
		cells = append(cells, strings.Trim(line[from:], " \t"))
	}
	return cells
}
