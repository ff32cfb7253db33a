// Package markdown turns assistant replies into terminal lines with glamour.
//
// A [Renderer] wraps one glamour renderer for a fixed width and [Theme] and
// returns lines with glamour's trailing padding stripped, so the UI stores
// about a fifth of the bytes glamour produces. A [Stream] renders a reply
// while it is being written: it caches the rendering of the text before the
// last safe block boundary and re-renders only the tail after it, so the
// cost of a frame depends on the length of the current block, not of the
// reply. When that block is a long code block, it keeps the rows of the
// code lines that are final too, and glamour renders and highlights only
// the lines after them. Its output equals a full render of the same text,
// byte for byte.
//
// Two layouts differ from glamour's own: a code line wider than the screen
// is cut at its edge with a faint mark and goes on at the block's indent
// (codecut.go), and a table wider than the screen gets column widths that
// keep its headers whole when they fit (tables.go).
//
// Text must already be sanitised by the caller; this package only renders.
package markdown
