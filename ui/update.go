package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Update is the one place where the chat's state changes. It routes each
// message to its handler and tells the view cache what the handler changed.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd, ch := m.route(msg)
	m.cache.mark(ch)
	return m, cmd
}

// route dispatches msg. The stream's and the store's handlers say what
// they changed; results of dialogs and I/O change the screen but not the
// input; anything else (keys, pastes, sizes) may change everything.
func (m *Model) route(msg tea.Msg) (tea.Cmd, change) {
	switch msg := msg.(type) {
	case streamStartedMsg:
		return m.handleStarted(msg)
	case chunkMsg:
		return m.handleChunk(msg)
	case frameMsg:
		return m.handleFrame()
	case retryTickMsg:
		return m.handleRetryTick(msg)
	case elapsedTickMsg:
		return m.handleElapsedTick(msg)
	case persistedMsg:
		return m.handlePersisted(msg)
	case noticeExpiredMsg:
		m.footer.expire(msg.seq)
		return nil, screenChanged
	case modelsMsg:
		return m.handleModels(msg), screenChanged
	case convsMsg:
		return m.handleConvs(msg), screenChanged
	case loadedMsg:
		return m.handleLoaded(msg), screenChanged
	case exportedMsg:
		return m.handleExported(msg), screenChanged
	}
	return m.handleInput(msg), allChanged
}

// handleInput handles the terminal's messages, and passes anything left to
// the input (cursor blinks and the like).
func (m *Model) handleInput(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.handleResize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		return m.handleBackground(msg.IsDark())
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		return m.handlePaste(msg)
	case tea.MouseWheelMsg:
		m.handleWheel(msg)
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// handleResize lays the screen out again and re-renders for the new width.
func (m *Model) handleResize(w, h int) tea.Cmd {
	widthChanged := w != m.width
	m.width, m.height = w, h
	// The input grows to inputMaxLines, but leaves the header, the
	// separator, the footer and a line of transcript on a short terminal.
	m.input.MaxHeight = max(1, min(inputMaxLines, h-4))
	m.input.SetWidth(max(10, w)) // also fits the input's height to the new maximum
	m.help.SetWidth(w)
	if widthChanged || m.renderer == nil {
		m.rerenderAll()
	}
	m.layout()
	return nil
}

// handleBackground follows the terminal's background when the theme is auto.
func (m *Model) handleBackground(isDark bool) tea.Cmd {
	if m.themeKnown || isDark == m.isDark {
		return nil
	}
	m.isDark = isDark
	m.styles = DefaultStyles(isDark, m.opts.NoColor)
	m.input = restyleInput(m.input, isDark)
	m.rerenderAll()
	m.layout()
	return nil
}

// layout sizes the transcript to what the header, help, input and footer
// leave, and an open dialog to the transcript's place.
func (m *Model) layout() {
	m.tr.width = m.width
	m.tr.height = max(1, m.height-m.chromeHeight())
	m.tr.settle()
	switch m.focus { // a dialog exists only while it is open
	case focusPicker:
		m.picker.SetSize(m.width, m.tr.height)
	case focusConvList:
		m.convlist.SetSize(m.width, m.tr.height)
	}
}

// chromeHeight is the number of lines that are not transcript.
func (m *Model) chromeHeight() int {
	return m.barsHeight() + len(m.helpLines())
}

// barsHeight is the header, the input's border, the input and the footer.
func (m *Model) barsHeight() int {
	return 1 + 1 + m.input.Height() + 1
}

// handleWheel scrolls the transcript with the mouse wheel (mouse mode only).
func (m *Model) handleWheel(msg tea.MouseWheelMsg) {
	switch msg.Button {
	case tea.MouseWheelUp:
		m.tr.scroll(-3)
	case tea.MouseWheelDown:
		m.tr.scroll(3)
	}
}

// handlePaste sends pasted text to whatever has focus.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	var cmd tea.Cmd
	switch m.focus {
	case focusPicker:
		m.picker, _, cmd = m.picker.Update(msg)
	case focusConvList:
		m.convlist, _, cmd = m.convlist.Update(msg)
	default:
		if !m.insertLong(msg.Content) {
			m.input, cmd = m.input.Update(msg)
		}
		m.layout()
	}
	return cmd
}

// handleKey routes a key press by focus.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.focus != focusInput && key.Matches(msg, m.keys.Quit) {
		m.focus = focusInput // ctrl+c means stop or quit, dialog or not
		return m.stopOrQuit()
	}
	switch m.focus {
	case focusPicker:
		return m.pickerKey(msg)
	case focusConvList:
		return m.convListKey(msg)
	}
	return m.inputKey(msg)
}

// inputKey handles keys while the input has focus.
func (m *Model) inputKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.stopOrQuit()
	case key.Matches(msg, k.Stop):
		return m.stop()
	case key.Matches(msg, k.Send):
		return m.send()
	case key.Matches(msg, k.Newline):
		m.insertInput("\n")
		m.layout()
		return nil
	case key.Matches(msg, k.Models):
		return m.openPicker()
	case key.Matches(msg, k.Conversations):
		return m.openConvList()
	case key.Matches(msg, k.New):
		return m.newChat()
	case key.Matches(msg, k.Export):
		return m.export()
	case key.Matches(msg, k.Copy):
		return m.copyReply()
	case key.Matches(msg, k.ToggleReasoning):
		return m.toggleReasoning()
	case key.Matches(msg, k.Help):
		return m.toggleHelp()
	}
	return m.scrollKey(msg)
}

// toggleHelp shows or hides the full help.
func (m *Model) toggleHelp() tea.Cmd {
	m.help.ShowAll = !m.help.ShowAll
	m.layout()
	return nil
}

// scrollKey scrolls the transcript, or else passes the key to the input.
func (m *Model) scrollKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.PageUp):
		m.tr.scroll(-max(1, m.tr.height-1))
	case key.Matches(msg, k.PageDown):
		m.tr.scroll(max(1, m.tr.height-1))
	case key.Matches(msg, k.Top):
		m.tr.scroll(-m.tr.total)
	case key.Matches(msg, k.Bottom):
		m.tr.scroll(m.tr.total)
	default:
		if m.recallKey(msg) {
			m.layout()
			return nil
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		m.layout()
		return cmd
	}
	return nil
}
