// Package ui is lockchat's full-screen chat: a Bubble Tea model with a
// transcript viewport, an input textarea and a model menu, wired to the
// client and session packages through commands.
package ui
