// Package ui is lockchat's full-screen chat: a Bubble Tea model with a
// transcript viewport, an input textarea and a model menu, wired to the
// client and session packages through commands.
//
// A token's way from the socket to the screen, one step a file, never
// back:
//
//  1. client/sse reads the event-stream framing of the response body.
//  2. client decodes each data line into a client.Event on the Stream.
//  3. ui/stream.go: waitChunk takes every event already buffered and
//     returns them as one chunkMsg, so Update runs once per network read.
//  4. ui/update.go: Update routes the chunkMsg to its handler (beside it in
//     stream.go), which appends the text to the reply and asks for a frame;
//     the next frameMsg renders and saves what arrived (one side branch:
//     session, through the Journal, in a command). Update marks the view
//     cache with what the handler says changed.
//  5. ui/entry.go: the reply entry keeps the text (ui/answer.go; reasoning
//     in ui/thinking.go) and, on a frame, renders itself for a renderCtx
//     (width, renderer, styles, pending retry).
//  6. ui/markdown: Stream re-renders only the tail after the stable prefix.
//  7. ui/view.go: View takes the visible window of the transcript's lines
//     (ui/transcript.go) and composes the screen.
package ui
