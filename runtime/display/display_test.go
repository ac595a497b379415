package display

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// call is one recorded Publisher call.
type call struct {
	clear     bool
	wait      bool
	bundle    Bundle
	displayID string
	update    bool
}

// fakePublisher records its calls and fails with err when err is set.
type fakePublisher struct {
	mu    sync.Mutex
	calls []call
	err   error
}

func (p *fakePublisher) Display(b Bundle, displayID string, update bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, call{bundle: b, displayID: displayID, update: update})
	return p.err
}

func (p *fakePublisher) ClearOutput(wait bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, call{clear: true, wait: wait})
	return p.err
}

// install installs a fake publisher for the duration of the test.
func install(t *testing.T) *fakePublisher {
	t.Helper()
	p := &fakePublisher{}
	old := SetPublisher(p)
	t.Cleanup(func() { SetPublisher(old) })
	return p
}

type htmlRenderer struct{ s string }

func (h htmlRenderer) MIMEBundle() map[string]any { return map[string]any{MIMEHTML: h.s} }

type fullRenderer struct{}

func (fullRenderer) MIMEBundle() map[string]any {
	return map[string]any{MIMEHTML: "<b>f</b>", MIMEPlain: "f"}
}

type stringer struct{}

func (stringer) String() string { return "stringer!" }

func smallImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 40), uint8(y * 40), 200, 255})
		}
	}
	return img
}

func encode(t *testing.T, enc func(io.Writer, image.Image) error, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestConstructors(t *testing.T) {
	pngData := encode(t, png.Encode, smallImage(3, 2))
	jpegData := encode(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) }, smallImage(5, 4))
	tests := []struct {
		name string
		got  Bundle
		want Bundle
	}{
		{"HTML", HTML("<b>x</b>"), Bundle{Data: map[string]any{MIMEHTML: "<b>x</b>", MIMEPlain: "<b>x</b>"}}},
		{"Markdown", Markdown("*x*"), Bundle{Data: map[string]any{MIMEMarkdown: "*x*", MIMEPlain: "*x*"}}},
		{"LaTeX", LaTeX("$x^2$"), Bundle{Data: map[string]any{MIMELaTeX: "$x^2$", MIMEPlain: "$x^2$"}}},
		{"SVG", SVG("<svg/>"), Bundle{Data: map[string]any{MIMESVG: "<svg/>", MIMEPlain: "<SVG image, 6 bytes>"}}},
		{"Text", Text("plain"), Bundle{Data: map[string]any{MIMEPlain: "plain"}}},
		{"PNG", PNG(pngData), Bundle{
			Data: map[string]any{
				MIMEPNG:   base64.StdEncoding.EncodeToString(pngData),
				MIMEPlain: "<PNG image 3x2, " + strconv.Itoa(len(pngData)) + " bytes>",
			},
			Metadata: map[string]any{MIMEPNG: map[string]any{"width": 3, "height": 2}},
		}},
		{"PNG undecodable", PNG([]byte("nope")), Bundle{Data: map[string]any{
			MIMEPNG:   base64.StdEncoding.EncodeToString([]byte("nope")),
			MIMEPlain: "<PNG image, 4 bytes>",
		}}},
		{"JPEG", JPEG(jpegData), Bundle{
			Data: map[string]any{
				MIMEJPEG:  base64.StdEncoding.EncodeToString(jpegData),
				MIMEPlain: "<JPEG image 5x4, " + strconv.Itoa(len(jpegData)) + " bytes>",
			},
			Metadata: map[string]any{MIMEJPEG: map[string]any{"width": 5, "height": 4}},
		}},
		{"JPEG undecodable", JPEG(nil), Bundle{Data: map[string]any{
			MIMEJPEG:  "",
			MIMEPlain: "<JPEG image, 0 bytes>",
		}}},
		{"JSON map", JSON(map[string]int{"a": 1}), Bundle{Data: map[string]any{
			MIMEJSON:  map[string]int{"a": 1},
			MIMEPlain: "{\n  \"a\": 1\n}",
		}}},
		{"JSON number", JSON(1.5), Bundle{Data: map[string]any{MIMEJSON: 1.5, MIMEPlain: "1.5"}}},
		{"JSON unsupported", JSON(math.Inf(1)), Text("display: JSON: json: unsupported value: +Inf")},
		{"JSON chan", JSON(make(chan int)), Text("display: JSON: json: unsupported type: chan int")},
		{"Image nil", Image(nil), Text("display: Image: nil image")},
		{"Image empty", Image(image.NewRGBA(image.Rect(0, 0, 0, 0))), Text("display: Image: png: invalid format: invalid image size: 0x0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", tt.got, tt.want)
			}
			if !reflect.DeepEqual(tt.got.MIMEBundle(), tt.got.Data) {
				t.Errorf("MIMEBundle() differs from Data")
			}
			if _, ok := tt.got.Data[MIMEPlain]; !ok {
				t.Errorf("no text/plain fallback")
			}
		})
	}
}

func TestImageRoundTrip(t *testing.T) {
	src := smallImage(4, 3)
	b := Image(src)
	s, ok := b.Data[MIMEPNG].(string)
	if !ok {
		t.Fatalf("image/png data is %T, want string", b.Data[MIMEPNG])
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("base64: %v", err)
	}
	got, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	if got.Bounds() != src.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), src.Bounds())
	}
	for y := 0; y < 3; y++ {
		for x := 0; x < 4; x++ {
			r1, g1, b1, a1 := got.At(x, y).RGBA()
			r2, g2, b2, a2 := src.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Errorf("pixel (%d,%d) = %v, want %v", x, y, got.At(x, y), src.At(x, y))
			}
		}
	}
	want := map[string]any{MIMEPNG: map[string]any{"width": 4, "height": 3}}
	if !reflect.DeepEqual(b.Metadata, want) {
		t.Errorf("metadata %v, want %v", b.Metadata, want)
	}
}

func TestOf(t *testing.T) {
	img := smallImage(2, 2)
	custom := Bundle{Data: map[string]any{"text/x-custom": 1}, Metadata: map[string]any{"k": "v"}}
	var nilBundle *Bundle
	tests := []struct {
		name string
		v    any
		want Bundle
	}{
		{"Bundle as is", custom, custom},
		{"*Bundle", &custom, custom},
		{"nil *Bundle", nilBundle, Text("<nil>")},
		{"Renderer gets text/plain", htmlRenderer{"<i>h</i>"}, Bundle{Data: map[string]any{MIMEHTML: "<i>h</i>", MIMEPlain: "{<i>h</i>}"}}},
		{"Renderer keeps its text/plain", fullRenderer{}, Bundle{Data: map[string]any{MIMEHTML: "<b>f</b>", MIMEPlain: "f"}}},
		{"image.Image", img, Image(img)},
		{"error", errors.New("boom"), Text("boom")},
		{"string quoted", "a\"b\n", Text(`"a\"b\n"`)},
		{"[]byte as text", []byte{0x89, 'P', 'N', 'G'}, Text("[137 80 78 71]")},
		{"int", 42, Text("42")},
		{"Stringer", stringer{}, Text("stringer!")},
		{"slice", []int{1, 2}, Text("[1 2]")},
		{"nil", nil, Text("<nil>")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Of(tt.v); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Of(%#v)\n got  %#v\n want %#v", tt.v, got, tt.want)
			}
		})
	}
}

func TestOfDoesNotModifyRendererMap(t *testing.T) {
	data := map[string]any{MIMEHTML: "x"}
	r := mapRenderer(data)
	b := Of(r)
	if _, ok := data[MIMEPlain]; ok {
		t.Errorf("Of added text/plain to the Renderer's own map")
	}
	if b.Data[MIMEHTML] != "x" || b.Data[MIMEPlain] == nil {
		t.Errorf("Of(r) = %v", b.Data)
	}
}

type mapRenderer map[string]any

func (m mapRenderer) MIMEBundle() map[string]any { return m }

// wrapper mimics the interface wrapper yaegi extract generates.
type wrapper struct {
	IValue      any
	WMIMEBundle func() map[string]any
}

func (w wrapper) MIMEBundle() map[string]any { return w.WMIMEBundle() }

func TestOfInterpreterWrapper(t *testing.T) {
	w := wrapper{IValue: 1, WMIMEBundle: func() map[string]any {
		return map[string]any{MIMEHTML: "h", MIMEMarkdown: "m"}
	}}
	want := Bundle{Data: map[string]any{MIMEHTML: "h", MIMEMarkdown: "m", MIMEPlain: "<text/html, text/markdown>"}}
	if got := Of(w); !reflect.DeepEqual(got, want) {
		t.Errorf("Of(wrapper) = %#v, want %#v", got, want)
	}
}

func TestShow(t *testing.T) {
	p := install(t)
	if err := Show(HTML("<p>"), "s", 3); err != nil {
		t.Fatal(err)
	}
	if err := Show(); err != nil {
		t.Fatal(err)
	}
	want := []call{
		{bundle: HTML("<p>")},
		{bundle: Text(`"s"`)},
		{bundle: Text("3")},
	}
	if !reflect.DeepEqual(p.calls, want) {
		t.Errorf("calls\n got  %#v\n want %#v", p.calls, want)
	}
}

func TestRender(t *testing.T) {
	p := install(t)
	if err := Render(htmlRenderer{"<i>r</i>"}); err != nil {
		t.Fatal(err)
	}
	want := []call{{bundle: Bundle{Data: map[string]any{MIMEHTML: "<i>r</i>", MIMEPlain: "{<i>r</i>}"}}}}
	if !reflect.DeepEqual(p.calls, want) {
		t.Errorf("calls\n got  %#v\n want %#v", p.calls, want)
	}
	if err := Render(nil); err == nil {
		t.Error("Render(nil) succeeded")
	}
}

func TestHandle(t *testing.T) {
	p := install(t)
	h := NewHandle()
	if h.ID() == "" {
		t.Fatal("empty id")
	}
	if h.ID() == NewHandle().ID() {
		t.Fatal("two handles share an id")
	}
	if err := h.Show(Text("1")); err != nil {
		t.Fatal(err)
	}
	if err := h.Update(Text("2")); err != nil {
		t.Fatal(err)
	}
	if err := Update(h.ID(), 3); err != nil {
		t.Fatal(err)
	}
	want := []call{
		{bundle: Text("1"), displayID: h.ID()},
		{bundle: Text("2"), displayID: h.ID(), update: true},
		{bundle: Text("3"), displayID: h.ID(), update: true},
	}
	if !reflect.DeepEqual(p.calls, want) {
		t.Errorf("calls\n got  %#v\n want %#v", p.calls, want)
	}
	if err := Update("", 1); err == nil {
		t.Error("Update with empty id succeeded")
	}
}

func TestZeroHandle(t *testing.T) {
	p := install(t)
	var h Handle
	id := h.ID()
	if id == "" || h.ID() != id {
		t.Fatalf("zero Handle id %q then %q", id, h.ID())
	}
	if err := h.Show(1); err != nil {
		t.Fatal(err)
	}
	if len(p.calls) != 1 || p.calls[0].displayID != id {
		t.Errorf("calls %#v", p.calls)
	}
}

func TestClearOutput(t *testing.T) {
	p := install(t)
	if err := ClearOutput(true); err != nil {
		t.Fatal(err)
	}
	if err := ClearOutput(false); err != nil {
		t.Fatal(err)
	}
	want := []call{{clear: true, wait: true}, {clear: true}}
	if !reflect.DeepEqual(p.calls, want) {
		t.Errorf("calls\n got  %#v\n want %#v", p.calls, want)
	}
}

func TestPublisherErrorsWrapped(t *testing.T) {
	p := install(t)
	p.err = errors.New("socket closed")
	checks := map[string]error{
		"Show":        Show(1, 2),
		"Render":      Render(htmlRenderer{}),
		"Handle.Show": NewHandle().Show(1),
		"Update":      Update("id", 1),
		"ClearOutput": ClearOutput(false),
	}
	for name, err := range checks {
		if !errors.Is(err, p.err) {
			t.Errorf("%s: error %v does not wrap %v", name, err, p.err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "display: ") {
			t.Errorf("%s: error %q lacks the display: prefix", name, err)
		}
	}
}

func TestShowStopsAtFirstError(t *testing.T) {
	p := install(t)
	p.err = errors.New("socket closed")
	if err := Show(1, 2, 3); !errors.Is(err, p.err) {
		t.Fatalf("Show error %v", err)
	}
	if len(p.calls) != 1 {
		t.Errorf("Show made %d calls, want 1", len(p.calls))
	}
}

func TestSetPublisherReturnsPrevious(t *testing.T) {
	a, b := &fakePublisher{}, &fakePublisher{}
	orig := SetPublisher(a)
	defer SetPublisher(orig)
	if got := SetPublisher(b); got != a {
		t.Errorf("SetPublisher returned %v, want the first publisher", got)
	}
	if got := SetPublisher(nil); got != b {
		t.Errorf("SetPublisher returned %v, want the second publisher", got)
	}
}

func TestSetPublisherConcurrent(t *testing.T) {
	orig := SetPublisher(nil)
	defer SetPublisher(orig)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &fakePublisher{}
			for j := 0; j < 100; j++ {
				SetPublisher(p)
				_ = currentPublisher()
			}
		}()
	}
	wg.Wait()
}

// captureStdout runs f with os.Stdout redirected and returns what it wrote.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = old }()
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	f()
	w.Close()
	return <-done
}

func TestNoPublisher(t *testing.T) {
	orig := SetPublisher(nil)
	defer SetPublisher(orig)
	out := captureStdout(t, func() {
		for _, err := range []error{
			Show(HTML("<b>x</b>"), "q", Bundle{Data: map[string]any{MIMEPlain: 7}}),
			NewHandle().Show(1),
			NewHandle().Update(2),
			ClearOutput(true),
		} {
			if err != nil {
				t.Errorf("error without publisher: %v", err)
			}
		}
	})
	if want := "<b>x</b>\n\"q\"\n7\n1\n2\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}
