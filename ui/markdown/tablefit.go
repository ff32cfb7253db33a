package markdown

import (
	"fmt"
	"strings"

	"charm.land/glamour/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// nbsp pads table cells: goldmark does not trim it from a cell and
// lipgloss does not break a line at it.
const nbsp = "\u00a0"

// tableFitter rewrites the tables of markdown that are wider than the
// screen (see tables.go).
type tableFitter struct {
	width   int // the width glamour gives a top-level table
	xPad    int // the cells lipgloss adds to each column: its style's margins and padding
	measure map[int]*glamour.TermRenderer
	found   []mdTable // reused between renders
}

func newTableFitter(width, margin int) tableFitter {
	return tableFitter{width: width, xPad: 2 + 2*margin}
}

// fitTables returns md with its tables that do not fit the screen
// rewritten to the column widths chosen for them.
func (r *Renderer) fitTables(md string) (string, error) {
	if !strings.Contains(md, "|") || !strings.Contains(md, "-") {
		return md, nil
	}
	r.tables.found = findTables(r.tables.found[:0], md)
	tables := r.tables.found
	if len(tables) == 0 {
		return md, nil
	}
	var b strings.Builder
	done := 0
	for _, t := range tables {
		rewritten, ok, err := r.fitTable(md, t)
		if err != nil {
			return "", err
		}
		if !ok {
			continue
		}
		b.WriteString(md[done:t.start])
		b.WriteString(rewritten)
		done = t.end
	}
	if done == 0 {
		return md, nil
	}
	b.WriteString(md[done:])
	return b.String(), nil
}

// fitTable returns table t of md rewritten to fit the screen, or false if
// it fits as it is or cannot be made to.
func (r *Renderer) fitTable(md string, t mdTable) (string, bool, error) {
	hl, _ := lineAt(md, t.start)
	n := countCells(hl)
	avail := r.tables.width - (n - 1) - n*r.tables.xPad
	if avail < n || upperWidth(md, t, n) <= avail {
		return "", false, nil
	}
	t.parse(md)
	widths, ok, err := r.cellWidths(t)
	if err != nil || !ok {
		return "", false, err
	}
	cols, ok := chooseWidths(widths, avail)
	if !ok {
		return "", false, nil
	}
	overflowGuard(t, widths, cols, r.tables.width-n*r.tables.xPad)
	var b strings.Builder
	for i, row := range t.rows {
		writeRow(&b, row, widths[i], cols, t.align)
		if i == 0 {
			delim, _ := lineAt(md, t.delim)
			b.WriteString(delim + "\n")
		}
	}
	out := b.String()
	if !strings.HasSuffix(md[t.start:t.end], "\n") {
		out = strings.TrimSuffix(out, "\n")
	}
	return out, true, nil
}

// upperWidth returns a bound on the sum of the widths of the n columns of
// t: glamour pads code spans and adds reference numbers to links and a
// label to images. It does not allocate for up to maxQuickColumns columns,
// as most tables that fit are checked on every frame.
func upperWidth(md string, t mdTable, n int) int {
	var buf [maxQuickColumns]int
	widest := buf[:0]
	if n > maxQuickColumns {
		widest = make([]int, 0, n)
	}
	widest = widest[:n]
	for at := t.start; at < t.end; {
		line, next := lineAt(md, at)
		if at != t.delim {
			rest := trimRow(line)
			for j := 0; j < n; j++ {
				c, more, ok := nextCell(rest)
				if !ok {
					break
				}
				widest[j] = max(widest[j], len(c)+2*strings.Count(c, "`")+6*strings.Count(c, "](")+
					6*strings.Count(c, "<")+8*strings.Count(c, "!["))
				rest = more
			}
		}
		at = next
	}
	return sum(widest)
}

// maxQuickColumns is how many columns upperWidth counts without allocating.
const maxQuickColumns = 16

// overflowGuard keeps lipgloss from taking a table that does not fit for
// one that does. It compares the sum of the columns' widest cells with the
// table's width without the column borders, room, and if that fits lays
// the table out at those widths, too wide by up to a cell a border. Then
// the widest cell of the column narrowed most is made wider by blank cells,
// after a space, so that it still wraps where it did.
func overflowGuard(t mdTable, widths [][]cellWidth, cols []int, room int) {
	total, col, most := 0, 0, 0
	for j := range cols {
		widest := 0
		for _, row := range widths {
			widest = max(widest, row[j].width)
		}
		total += widest
		if widest-cols[j] > most {
			col, most = j, widest-cols[j]
		}
	}
	short := room - total + 1
	if short <= 0 {
		return
	}
	at := 0
	for i, row := range widths {
		if row[col].width > widths[at][col].width {
			at = i
		}
	}
	for len(t.rows[at]) <= col {
		t.rows[at] = append(t.rows[at], "")
	}
	if short == 1 {
		t.rows[at][col] += nbsp
	} else {
		t.rows[at][col] += " " + strings.Repeat(nbsp, short-1)
	}
	widths[at][col].width += short
}

// cellWidth is what a cell renders to.
type cellWidth struct {
	width int // cells
	word  int // the longest word's cells
}

// cellWidths renders every cell of t, as glamour renders a table cell, and
// returns their widths by row and column; missing cells are empty.
func (r *Renderer) cellWidths(t mdTable) ([][]cellWidth, bool, error) {
	md, widest, count := measureDoc(t)
	lines, err := r.measureLines(md, widest)
	if err != nil {
		return nil, false, err
	}
	// The header row is the line before the first rule, the cells follow.
	first := -1
	for k := 1; k < len(lines); k++ {
		if s := strings.TrimSpace(xansi.Strip(lines[k])); s != "" && strings.Trim(s, "─-") == "" {
			first = k - 1
			break
		}
	}
	if first < 0 || first+count+1 > len(lines) {
		return nil, false, nil
	}
	out := make([][]cellWidth, len(t.rows))
	k := first
	for i := range t.rows {
		out[i] = make([]cellWidth, len(t.align))
		for j := range t.align {
			out[i][j] = measureCell(lines[k])
			k++
			if k == first+1 {
				k++ // the rule
			}
		}
	}
	return out, true, nil
}

// measureDoc returns a table of one column whose rows are the cells of t,
// the header's first, the length of the longest cell and the number of
// cells.
func measureDoc(t mdTable) (md string, widest, count int) {
	var b strings.Builder
	for i, row := range t.rows {
		for j := range t.align {
			c := ""
			if j < len(row) {
				c = row[j]
			}
			widest = max(widest, len(c))
			fmt.Fprintf(&b, "| %s |\n", c)
			if i == 0 && j == 0 {
				b.WriteString("|---|\n")
			}
			count++
		}
	}
	return b.String(), widest, count
}

// measureCell measures one cleaned row of a one-column table.
func measureCell(row string) cellWidth {
	text := xansi.Strip(row)
	text = strings.TrimPrefix(text, docMargin+" ")
	cw := cellWidth{width: xansi.StringWidth(text)}
	for _, w := range strings.Fields(text) {
		cw.word = max(cw.word, xansi.StringWidth(w))
	}
	return cw
}

// measureLines renders md, one-column tables of cells, at least widest
// cells wide, and returns its cleaned lines. The renderers are kept, one
// per power of two.
func (r *Renderer) measureLines(md string, widest int) ([]string, error) {
	w := 128
	for w < 2*widest+16 {
		w *= 2
	}
	tr := r.tables.measure[w]
	if tr == nil {
		var err error
		tr, err = glamour.NewTermRenderer(glamour.WithStyles(styleConfig(r.theme)), glamour.WithWordWrap(w))
		if err != nil {
			return nil, fmt.Errorf("markdown: new renderer: %w", err)
		}
		if r.tables.measure == nil {
			r.tables.measure = map[int]*glamour.TermRenderer{}
		}
		r.tables.measure[w] = tr
	}
	r.stats.Renders++
	r.stats.InputBytes += int64(len(md))
	out, err := tr.Render(md)
	if err != nil {
		return nil, fmt.Errorf("markdown: render: %w", err)
	}
	return r.clean.lines(nil, out), nil
}

// writeRow writes a table row with every cell padded to its column's width.
func writeRow(b *strings.Builder, row []string, widths []cellWidth, cols []int, align []byte) {
	b.WriteString("|")
	for j := range cols {
		c := ""
		if j < len(row) {
			c = row[j]
		}
		b.WriteString(" ")
		b.WriteString(padCell(c, cols[j]-widths[j].width, align[j]))
		b.WriteString(" |")
	}
	b.WriteString("\n")
}

// padCell pads cell c with pad cells on the side its alignment leaves
// free.
func padCell(c string, pad int, align byte) string {
	if pad <= 0 {
		return c
	}
	switch align {
	case 'r':
		return strings.Repeat(nbsp, pad) + c
	case 'c':
		return strings.Repeat(nbsp, pad/2) + c + strings.Repeat(nbsp, pad-pad/2)
	default:
		return c + strings.Repeat(nbsp, pad)
	}
}

// chooseWidths returns the widths of the columns of a table whose cells
// render to widths, the header's first, so that they add up to avail: the
// columns that fit keep their width, and the widest ones are narrowed to a
// common width, but none below its header or its longest word if that can
// be helped. It returns false if the table fits as it is.
func chooseWidths(widths [][]cellWidth, avail int) ([]int, bool) {
	n := len(widths[0])
	widest, header, word := make([]int, n), make([]int, n), make([]int, n)
	total := 0
	for j := range n {
		header[j] = widths[0][j].width
		for _, row := range widths {
			widest[j] = max(widest[j], row[j].width)
			word[j] = max(word[j], row[j].word)
		}
		total += widest[j]
	}
	if total <= avail {
		return nil, false
	}
	share := avail / n
	floors := [][]int{make([]int, n), make([]int, n), make([]int, n), make([]int, n), make([]int, n)}
	for j := range n {
		floors[0][j] = min(widest[j], max(header[j], word[j]))
		floors[1][j] = min(widest[j], max(header[j], min(word[j], share)))
		floors[2][j] = min(widest[j], header[j])
		floors[3][j] = min(widest[j], header[j], share)
		floors[4][j] = 1
	}
	for _, f := range floors {
		if sum(f) <= avail {
			return waterFill(widest, f, avail), true
		}
	}
	return nil, false
}

// waterFill returns column widths between floor and widest that add up to
// avail, which lies between their sums: the widest columns are narrowed to
// a common level, and the cells left over go to the first of them.
func waterFill(widest, floor []int, avail int) []int {
	level := func(l int) []int {
		w := make([]int, len(widest))
		for j := range w {
			w[j] = min(widest[j], max(floor[j], l))
		}
		return w
	}
	l := 0
	for sum(level(l+1)) <= avail {
		l++
	}
	w := level(l)
	left := avail - sum(w)
	for j := range w {
		if left > 0 && w[j] < widest[j] && w[j] == l {
			w[j]++
			left--
		}
	}
	return w
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
