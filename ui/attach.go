package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// attachState is the files to go with the next prompt, and what the
// conversation learned about the model and images.
type attachState struct {
	// pending are the files attached to the next prompt (-a), shown as
	// chips until it is sent.
	pending []session.Attachment
	// ready holds the files read for the prompt being sent; non-nil
	// between the read and the send it allows.
	ready []session.Attachment
	// reading says a read is under way: Enter waits for it.
	reading bool
	// sizes are the typed @path tokens found on disk, with their sizes,
	// for the chips; sized is the token list they were looked up for.
	sizes map[string]int64
	sized string
	// refused is the conversation and model that refused images: later
	// requests of that conversation to that model leave images out.
	refused string
	// sentImages says the request being answered carries images.
	sentImages bool
}

// atPath finds the @path tokens of a prompt: an @ at the start of a word,
// then the path.
var atPath = regexp.MustCompile(`(?:^|\s)@([^\s@]+)`)

// atPaths lists the @path tokens of text, each once, in order.
func atPaths(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range atPath.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// attachmentsReadMsg is the result of reading a prompt's @path files.
type attachmentsReadMsg struct {
	text  string
	files []session.Attachment
	err   error
}

func (msg attachmentsReadMsg) apply(m *Model) tea.Cmd {
	m.attach.reading = false
	if msg.err != nil {
		m.footer.push(msg.err.Error()+" Nothing was sent.", true)
		return nil
	}
	if m.expandPastes(m.input.Value()) != msg.text {
		return nil // the prompt was changed meanwhile: Enter again sends it
	}
	m.attach.ready = append([]session.Attachment{}, msg.files...)
	return m.sendKey()
}

// readAttachments reads the @path files of text in a command. A token
// that names no file is left as text; one that names a file that cannot
// be attached (a directory, too large, binary) stops the send.
func readAttachments(text string) tea.Cmd {
	paths := atPaths(text)
	return func() tea.Msg {
		var files []session.Attachment
		for _, p := range paths {
			if _, err := os.Stat(session.ExpandHome(p)); errors.Is(err, fs.ErrNotExist) {
				continue
			}
			a, err := session.ReadAttachment(p, nil)
			if err != nil {
				return attachmentsReadMsg{text: text, err: err}
			}
			files = append(files, a)
		}
		return attachmentsReadMsg{text: text, files: files}
	}
}

// takeAttachments is what goes with the prompt being sent: the -a files
// and those its @path tokens name. ok is false when they must be read
// first: cmd reads them and sends again.
func (m *Model) takeAttachments(text string) (files []session.Attachment, cmd tea.Cmd, ok bool) {
	if m.attach.ready == nil && len(atPaths(text)) > 0 {
		if m.attach.reading {
			return nil, nil, false
		}
		m.attach.reading = true
		return nil, readAttachments(text), false
	}
	files = append(append(files, m.attach.pending...), m.attach.ready...)
	m.attach.pending, m.attach.ready = nil, nil
	return files, nil, true
}

// chips is the chip line of files: "[main.go · 3.2 KB] [logo.png · 48 KB]".
func chips(files []session.Attachment) string {
	parts := make([]string, len(files))
	for i, a := range files {
		parts[i] = sanitizeLine(a.Chip())
	}
	return strings.Join(parts, " ")
}

// inputChips are the chips of what goes with the next prompt: the -a
// files and the typed @path tokens found on disk.
func (m *Model) inputChips() string {
	files := append([]session.Attachment{}, m.attach.pending...)
	for _, p := range atPaths(m.input.Value()) {
		if n, ok := m.attach.sizes[p]; ok {
			files = append(files, session.Attachment{Name: filepath.Base(p), Size: int(n)})
		}
	}
	return chips(files)
}

// sizesMsg gives the sizes of typed @path files, for their chips.
type sizesMsg struct {
	key   string
	sizes map[string]int64
}

func (msg sizesMsg) apply(m *Model) tea.Cmd {
	if msg.key == m.attach.sized {
		m.attach.sizes = msg.sizes
	}
	return nil
}

// lookUpSizes finds the typed @path files on disk in a command when the
// tokens changed, so that their chips show as they are typed.
func (m *Model) lookUpSizes() tea.Cmd {
	paths := atPaths(m.input.Value())
	key := strings.Join(paths, "\x00")
	if key == m.attach.sized {
		return nil
	}
	m.attach.sized = key
	return func() tea.Msg {
		sizes := map[string]int64{}
		for _, p := range paths {
			if fi, err := os.Stat(session.ExpandHome(p)); err == nil && fi.Mode().IsRegular() {
				sizes[p] = fi.Size()
			}
		}
		return sizesMsg{key: key, sizes: sizes}
	}
}

// refusalKey names this conversation and the model in use.
func (m *Model) refusalKey() string { return m.conv.ID + "\x00" + m.model }

// withoutRefusedImages leaves the images out of msgs when the model is
// known not to take them (the config, the server, the built-in table) or
// refused them earlier in this conversation, and says so. With nothing
// known, images are sent.
func (m *Model) withoutRefusedImages(msgs []client.Message) []client.Message {
	images := 0
	for _, cm := range msgs {
		images += len(cm.Images)
	}
	m.attach.sentImages = false
	if images == 0 {
		return msgs
	}
	refused := m.attach.refused == m.refusalKey()
	if !refused && m.opts.Vision != nil {
		if v := m.opts.Vision(m.model, m.serverInfo()); v != nil && !*v {
			refused = true
		}
	}
	if !refused {
		m.attach.sentImages = true
		return msgs
	}
	out, n := session.WithoutImages(msgs)
	m.footer.push(imageCount(n)+" left out: "+m.model+" does not take images.", false)
	return out
}

// imageCount is "1 image is" or "3 images are".
func imageCount(n int) string {
	if n == 1 {
		return "1 image is"
	}
	return strconv.Itoa(n) + " images are"
}

// imageRefusal matches a server's words for a request with images the
// model does not take.
var imageRefusal = regexp.MustCompile(`(?i)image|vision|multimodal`)

// refusedImages reports whether err is the server refusing the images of
// the request, and then remembers it for this conversation and model
// and returns the sentence with the ways on.
func (m *Model) refusedImages(ce *client.Error) (string, bool) {
	if !m.attach.sentImages || ce.Status != 400 || !imageRefusal.MatchString(ce.Message+" "+ce.Code) {
		return "", false
	}
	m.attach.refused = m.refusalKey()
	ways := "pick a model that takes images"
	if h := keyHint(m.keys.Models, "lists the models"); h != "" {
		ways += " (" + h + ")"
	}
	return sanitizeLine(m.model) + " does not take images: " + ways +
		" and send again, or send again and the images are left out for this model.", true
}
