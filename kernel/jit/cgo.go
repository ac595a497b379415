package jit

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// A %%jit cell may import "C": the C code in the comment just above the
// import (cgo's preamble) is compiled with the cell, and the cell's Go
// functions call it as C.name. The preamble may #include files of the
// kernel's working directory, such as one written by %%writefile.
//
// Those files are copied into the build, when the cell compiles, rather
// than found through an include path pointing at the working directory:
// the copy is what the plugin's cache key hashes, so a changed file builds
// anew and an unchanged one never does, whatever happens to the directory
// while the build runs or later (%cd, another edit).

// cFilesDir is the directory, in a program's package, under which each
// cell's included files go, in a directory named by the cell.
const cFilesDir = "cfiles"

// cgoPart is the C code of a %%jit cell.
type cgoPart struct {
	cell int
	// lines are the preamble's lines, with where each starts in the cell.
	lines []cLine
	// files are the files the C code includes from the working directory
	// (quoted #include, followed through the files), by slash-separated
	// path relative to it; read when the cell compiles.
	files map[string]string
}

// cLine is a line of C text and the cell line it is.
type cLine struct {
	text string
	line int
}

// cgoPreamble finds the import "C" of a parsed %%jit cell and gives its
// preamble, or nil when the cell does not import "C". at gives a cell
// position.
func cgoPreamble(cell int, f *ast.File, at func(token.Pos) (int, int)) (*cgoPart, error) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			is, ok := s.(*ast.ImportSpec)
			if !ok {
				continue
			}
			if p, _ := strconv.Unquote(is.Path.Value); p != "C" {
				continue
			}
			if is.Name != nil {
				l, c := at(is.Pos())
				return nil, cellError(cell, l, c, `import "C" cannot be renamed`,
					`write import "C", with the C code in the comment just above it`)
			}
			doc := is.Doc
			if doc == nil && len(g.Specs) == 1 {
				doc = g.Doc
			}
			part := &cgoPart{cell: cell}
			if doc == nil {
				return part, nil
			}
			for _, c := range doc.List {
				l, col := at(c.Pos())
				text, block := strings.CutPrefix(c.Text, "/*")
				if block {
					text = strings.TrimSuffix(text, "*/")
				} else {
					text = strings.TrimPrefix(text, "//")
				}
				// The comment's marker becomes spaces, so that C columns are
				// the cell's.
				for i, t := range strings.Split(text, "\n") {
					if i == 0 {
						part.lines = append(part.lines, cLine{text: strings.Repeat(" ", col+1) + t, line: l})
					} else {
						part.lines = append(part.lines, cLine{text: t, line: l + i})
					}
				}
			}
			return part, nil
		}
	}
	return nil, nil
}

// readIncludes reads the files that the C code of cell includes from the
// kernel's working directory, as they are now.
func (p program) readIncludes(cell int) error {
	for _, d := range p.decls {
		if d.cell == cell && d.cgo != nil {
			dir, err := os.Getwd()
			if err != nil {
				return errorf("", "%%%%jit cannot tell the working directory, whose files the cell's C code includes: %v", err)
			}
			return d.cgo.readIncludes(dir)
		}
	}
	return nil
}

// quotedInclude matches a C line that includes a file by a quoted name.
var quotedInclude = regexp.MustCompile(`^\s*#\s*include\s*"([^"]+)"`)

// readIncludes reads the files the preamble includes by quoted name from
// dir, the kernel's working directory, and those they include in turn. A
// name that is not a file there is left to the C compiler, which looks in
// its own include path (and says so when it is nowhere).
func (p *cgoPart) readIncludes(dir string) error {
	p.files = map[string]string{}
	var visit func(from string, text string, where func(i int) string) error
	visit = func(from, text string, where func(i int) string) error {
		for i, l := range strings.Split(text, "\n") {
			m := quotedInclude.FindStringSubmatch(l)
			if m == nil || filepath.IsAbs(m[1]) {
				continue
			}
			rel := path.Join(from, filepath.ToSlash(m[1]))
			if rel == ".." || strings.HasPrefix(rel, "../") {
				return &Error{Name: "CompileError",
					Value:  fmt.Sprintf("#include %q names a file outside the kernel's working directory", m[1]),
					Lines:  []string{fmt.Sprintf("%s: #include %q names a file outside the kernel's working directory", where(i), m[1])},
					Detail: "%%jit copies the files a cell's C code includes from the working directory (%pwd) into the build: copy the file there, or include it by its absolute path"}
			}
			if _, seen := p.files[rel]; seen {
				continue
			}
			full := filepath.Join(dir, filepath.FromSlash(rel))
			if fi, err := os.Stat(full); err != nil || !fi.Mode().IsRegular() {
				continue
			}
			b, err := os.ReadFile(full)
			if err != nil {
				return errorf("", "%%%%jit cannot read %s, which the cell's C code includes: %v", full, err)
			}
			p.files[rel] = string(b)
			if err := visit(path.Dir(rel), string(b), func(i int) string { return fmt.Sprintf("%s, line %d", rel, i+1) }); err != nil {
				return err
			}
		}
		return nil
	}
	for _, l := range p.lines {
		if err := visit(".", l.text, func(int) string { return fmt.Sprintf("In [%d], line %d", p.cell, l.line) }); err != nil {
			return err
		}
	}
	return nil
}

// source writes the cell's import "C" with its preamble as Go source. The
// C text keeps the cell's coordinates through #line directives, so that
// the C compiler's messages name the cell's lines. The cell's included
// files are found in its directory under cFilesDir.
//
// Three more things go in. C functions are hidden from the dynamic loader
// (-fvisibility=hidden): plugins are loaded into one process, with global
// symbols, so a plugin's call of sum_range would otherwise reach the first
// plugin loaded that defines one, however old. On Linux and FreeBSD the
// linker is told to take the first of several definitions of a C function
// rather than fail: two live cells may define one (both include
// sum_range.c), and program files are named so that the latest cell's
// comes first (cgoFileName), so that a C function defined again replaces
// the earlier one for every caller, as a Go function declared again does.
// And C's stdout, which the kernel captures through a pipe, is made
// line-buffered, so that printf's lines reach the cell as they are written
// rather than sit in a buffer.
func (p *cgoPart) source() string {
	var c strings.Builder
	if len(p.files) > 0 {
		fmt.Fprintf(&c, "#cgo CFLAGS: -I${SRCDIR}/%s/%d\n", cFilesDir, p.cell)
	}
	c.WriteString("#cgo CFLAGS: -fvisibility=hidden\n")
	c.WriteString("#cgo linux freebsd LDFLAGS: -Wl,--allow-multiple-definition\n")
	next := 0 // the cell line the C text has reached
	for _, l := range p.lines {
		if l.line != next {
			fmt.Fprintf(&c, "#line %d %q\n", l.line, cellName(p.cell))
		}
		c.WriteString(l.text + "\n")
		next = l.line + 1
	}
	c.WriteString("#line 1 \"gopar-cgo\"\n" +
		"#include <stdio.h>\n" +
		"static void __attribute__((constructor)) gopar_line_buffered(void) { setvbuf(stdout, NULL, _IOLBF, 0); }\n")
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(c.String(), "\n"), "\n") {
		b.WriteString("//" + l + "\n")
	}
	b.WriteString("import \"C\"\n")
	return b.String()
}

// cgoFileName names the program file of a cell with C code: the names of
// later cells sort first, as the linker takes the first definition.
func cgoFileName(cell int) string {
	return "cgo" + strconv.Itoa(1_000_000_000-cell) + ".go"
}
