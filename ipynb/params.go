package ipynb

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// Tags of papermill's parameter cells.
const (
	ParametersTag         = "parameters"
	InjectedParametersTag = "injected-parameters"
)

// Parameter is a value given for a notebook's parameter (`-p name value`).
type Parameter struct{ Name, Value string }

// ErrNoParametersCell is returned by InjectParameters for a notebook with
// no cell tagged "parameters".
var ErrNoParametersCell = errors.New(`the notebook has no cell tagged "parameters" to take -p values: add the tag "parameters" to the cell that sets the defaults (in JupyterLab: the property inspector, "Common Tools"; in Notebook: View > Cell Toolbar > Tags)`)

// InjectParameters does what papermill does with parameters: a new code
// cell tagged "injected-parameters" goes right after the first cell tagged
// "parameters", assigning the given values (a cell injected by an earlier
// run is removed first). The values become Go: see [GoLiteral]. A name the
// parameters cell declares is assigned (name = value), so that its type
// stays; a const is redeclared; another name is declared (name := value).
// It returns the index of the new cell.
func InjectParameters(nb *Notebook, params []Parameter) (int, error) {
	for _, p := range params {
		if !token.IsIdentifier(p.Name) || p.Name == "_" {
			return -1, fmt.Errorf("parameter name %q is not a Go identifier", p.Name)
		}
	}
	kept := nb.Cells[:0:0]
	for _, c := range nb.Cells {
		if !c.HasTag(InjectedParametersTag) {
			kept = append(kept, c)
		}
	}
	nb.Cells = kept
	at := -1
	for i, c := range nb.Cells {
		if c.HasTag(ParametersTag) {
			at = i
			break
		}
	}
	if at < 0 {
		return -1, ErrNoParametersCell
	}
	declared := DeclaredNames(nb.Cells[at].Source)
	var sb strings.Builder
	sb.WriteString("// Parameters\n")
	for _, p := range params {
		d, ok := declared[p.Name]
		value := GoLiteral(p.Value, ok && d.String)
		switch {
		case ok && d.Const:
			fmt.Fprintf(&sb, "const %s = %s\n", p.Name, value)
		case ok:
			fmt.Fprintf(&sb, "%s = %s\n", p.Name, value)
		default:
			fmt.Fprintf(&sb, "%s := %s\n", p.Name, value)
		}
	}
	cell := &Cell{
		Type:     Code,
		Source:   strings.TrimSuffix(sb.String(), "\n"),
		Metadata: map[string]any{"tags": []any{InjectedParametersTag}},
		Outputs:  []*Output{},
	}
	if nb.HasCellIDs() {
		cell.ID = NewCellID()
	}
	nb.Cells = append(nb.Cells[:at+1], append([]*Cell{cell}, nb.Cells[at+1:]...)...)
	return at + 1, nil
}

// GoLiteral is the Go expression for a parameter's value: the value itself
// when it is an integer, floating-point or boolean literal (a sign
// allowed), the value quoted as a Go string otherwise, and always quoted
// when asString is set (the parameter's default is a string).
func GoLiteral(value string, asString bool) string {
	v := strings.TrimSpace(value)
	if !asString {
		if v == "true" || v == "false" {
			return v
		}
		e, err := parser.ParseExpr(v)
		if u, ok := e.(*ast.UnaryExpr); ok && err == nil && (u.Op == token.SUB || u.Op == token.ADD) {
			e = u.X
		}
		if lit, ok := e.(*ast.BasicLit); ok && err == nil && (lit.Kind == token.INT || lit.Kind == token.FLOAT) {
			return v
		}
	}
	return strconv.Quote(value)
}

// Declared is how a cell declares a name.
type Declared struct {
	Const  bool // a const, not a variable
	String bool // its type is string, or its value a string literal
}

// DeclaredNames lists the names a cell declares at its top level, with
// var, const or :=. The cell need not compile as a whole (it may mix
// imports, statements and magics); names are found token by token.
func DeclaredNames(src string) map[string]Declared {
	type tok struct {
		tok token.Token
		lit string
	}
	var toks []tok
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	for {
		_, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{t, lit})
	}
	at := func(i int) tok {
		if i < len(toks) {
			return toks[i]
		}
		return tok{token.EOF, ""}
	}
	names := map[string]Declared{}
	// spec reads "a, b T = x, y" from toks[i] up to the end of the spec
	// (a semicolon at depth 0), and returns the index after it.
	spec := func(i int, isConst bool) int {
		var idents []string
		for at(i).tok == token.IDENT {
			idents = append(idents, at(i).lit)
			i++
			if at(i).tok != token.COMMA {
				break
			}
			i++
		}
		typ, firstValue, depth := "", token.ILLEGAL, 0
		inValues := false
	scan:
		for ; i < len(toks); i++ {
			t := at(i)
			switch t.tok {
			case token.LPAREN, token.LBRACE, token.LBRACK:
				depth++
			case token.RPAREN, token.RBRACE, token.RBRACK:
				depth--
			}
			if depth < 0 || depth == 0 && t.tok == token.SEMICOLON {
				break scan
			}
			switch {
			case t.tok == token.ASSIGN && depth == 0:
				inValues = true
			case inValues && firstValue == token.ILLEGAL:
				firstValue = t.tok
			case !inValues && typ == "" && t.tok == token.IDENT:
				typ = t.lit
			}
		}
		for _, n := range idents {
			names[n] = Declared{Const: isConst, String: typ == "string" || len(idents) == 1 && firstValue == token.STRING}
		}
		return i
	}
	depth := 0
	start := true
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if depth == 0 && start {
			switch t.tok {
			case token.VAR, token.CONST:
				isConst := t.tok == token.CONST
				if at(i+1).tok == token.LPAREN {
					i += 2
					for at(i).tok != token.RPAREN && at(i).tok != token.EOF {
						if at(i).tok == token.SEMICOLON {
							i++
							continue
						}
						i = spec(i, isConst)
						if at(i).tok == token.SEMICOLON {
							i++
						}
					}
				} else {
					i = spec(i+1, isConst)
				}
				start = true
				continue
			case token.IDENT:
				j := i
				var idents []string
				for at(j).tok == token.IDENT {
					idents = append(idents, at(j).lit)
					j++
					if at(j).tok != token.COMMA {
						break
					}
					j++
				}
				if at(j).tok == token.DEFINE {
					for _, n := range idents {
						if n != "_" {
							names[n] = Declared{String: len(idents) == 1 && at(j+1).tok == token.STRING && at(j+2).tok == token.SEMICOLON}
						}
					}
				}
			}
		}
		switch t.tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		}
		start = t.tok == token.SEMICOLON
	}
	return names
}
