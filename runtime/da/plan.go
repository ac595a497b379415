package da

import (
	"math"

	"gopar/runtime/np"
)

// A plan is a graph compiled for fused execution: a straight-line program
// of block instructions that every chunk task runs, block after block, from
// the generators to the graph's root (and its reduction). The program's
// registers are block buffers; a register is reused as soon as the value it
// holds has no more consumers, in place when an operation's operand dies
// there. With the fusions compile makes, a chain such as
// x.Mul(2).Add(1).Sqrt() needs one buffer, and so does pi's
// x.Pow(2).Add(y.Pow(2)).LessEq(1).CountNonzero().

// blockSize is the number of elements that flow through a plan at once: a
// block of each of a few registers stays in the L1 cache.
const blockSize = 1024

type icode int

const (
	iGen icode = iota
	iCast
	iArithVV
	iArithVK
	iCmpVV
	iCmpVK
	iLogicVV
	iLogicVK
	iNot
	iSqrt
	iPow
)

// reg is a register: a block buffer of dtype t, number i of its bank.
type reg struct {
	t np.DType
	i int
}

type instr struct {
	code   icode
	op     opcode
	ct     np.DType // dtype of the operands
	dst    reg
	a, b   reg
	k      constant // the scalar operand, of dtype ct
	pow    float64
	gen    int  // index of the generator, for iGen
	square bool // iGen: square the values (a fused Pow(2))
	nd     *node
	output bool // writes the array's result (for Array.Compute)
}

// reduction is the plan's last step, per block: it folds the root's block
// into the chunk's partial. With fused set, the root is a comparison that
// the reduction counts directly.
type reduction struct {
	op    redOp
	acc   np.DType // dtype of the partials
	in    reg
	fused bool
	arith opcode // when not -1, the fused comparison is of a[i] arith b[i] with k
	// When gen is not -1, b is not a register but the values of generator
	// gen (genNode's), squared if genSquare is set, made in the reduction's
	// loop.
	gen       int
	genSquare bool
	genNode   *node
	cmp       opcode
	ct        np.DType
	a, b      reg
	hasK      bool
	k         constant
}

type plan struct {
	root    *node
	n       int
	chunk   int
	nchunks int
	instrs  []instr
	sources []source
	banks   [3]int // number of registers of each dtype
	red     *reduction
	redOp   redOp
	direct  directSource // set when the reduction runs in the source
	axis    *axisFold    // set for an axis reduction (no output, no red)
}

// compile makes the plan of root, reduced by red when it is not nil.
// consts holds the values of the lazy scalars the graph uses.
//
// Besides putting operations one after the other on blocks, compile fuses
// some of them into single loops:
//
//   - a reduction of a source that can reduce an index range itself
//     (Arange) runs in the source, without blocks (p.direct);
//   - Pow(2) of a float64 source that nothing else uses squares the values
//     as they are generated;
//   - a count or sum of a comparison counts without making the bool block,
//     and when the comparison is of an arithmetic operation on two float64
//     arrays with a number, as in x2.Add(y2).LessEq(1).CountNonzero(), the
//     arithmetic is done in the same loop; if one of the added arrays is a
//     random source (or its square) that nothing else uses, its values are
//     generated in that loop too.
func compile(root *node, red *redOp, consts map[*Scalar]constant) *plan {
	p := &plan{root: root, n: root.n, chunk: root.chunk, nchunks: root.numChunks()}
	if red != nil {
		p.redOp = *red
		if d, ok := root.src.(directSource); ok && root.kind == kSource {
			p.direct = d
			return p
		}
	}
	order := topo(root)
	uses := map[*node]int{}
	for _, v := range order {
		for _, u := range v.in {
			uses[u]++
		}
	}
	if red != nil {
		uses[root]++
	}
	c := &compiler{p: p, uses: uses, regs: map[*node]reg{}, consts: consts,
		skip: map[*node]bool{}, square: map[*node]*node{}}
	for _, v := range order {
		if v.kind == kUnary && v.op == opPow && v.pow == 2 && v.ct == np.Float64 {
			if u := v.in[0]; u.kind == kSource && u.dt == np.Float64 && uses[u] == 1 {
				c.square[u] = v
				c.skip[v] = true
			}
		}
	}
	if red == nil {
		c.emitAll(order)
		p.instrs[len(p.instrs)-1].output = true
		return p
	}

	r := &reduction{op: *red, acc: np.Int64, arith: -1, gen: -1}
	if *red != redCount && root.dt == np.Float64 {
		r.acc = np.Float64
	}
	fuse := (*red == redCount || *red == redSum || *red == redMean) &&
		root.op.isCompare() && (root.kind == kBinary || root.kind == kConst) && uses[root] == 1
	if !fuse {
		c.emitAll(order)
		t := root.dt
		if (*red == redMin || *red == redMax) && t == np.Bool {
			t = np.Int64
		}
		r.in = c.operand(root, t)
		p.red = r
		return p
	}
	c.skip[root] = true
	r.fused, r.cmp, r.ct, r.acc = true, root.op, root.ct, np.Int64
	var arith *node
	if u := root.in[0]; root.kind == kConst && root.ct == np.Float64 && root.op != opEqual && root.op != opNotEqual &&
		u.kind == kBinary && u.op <= opDiv && u.ct == np.Float64 && uses[u] == 1 {
		arith = u
		c.skip[u] = true
		r.arith = u.op
	}
	// In x.Pow(2).Add(y.Pow(2)).LessEq(1).CountNonzero(), the reduction's
	// loop also generates y: a random source in [0, 1), squared or not,
	// that only the addition uses.
	var other *node
	if arith != nil && arith.op == opAdd {
		for i := 1; i >= 0; i-- {
			if u, sq := c.unitSource(arith.in[i]); u != nil {
				r.gen, r.genSquare, r.genNode = len(p.sources), sq, u
				p.sources = append(p.sources, u.src)
				c.skip[u], c.skip[arith.in[i]] = true, true
				other = arith.in[1-i]
				break
			}
		}
	}
	c.emitAll(order)
	switch {
	case other != nil:
		r.a = c.operand(other, np.Float64)
		r.hasK, r.k = true, c.constant(root)
	case arith != nil:
		r.a = c.operand(arith.in[0], np.Float64)
		r.b = c.operand(arith.in[1], np.Float64)
		r.hasK, r.k = true, c.constant(root)
	default:
		r.a = c.operand(root.in[0], root.ct)
		if root.kind == kBinary {
			r.b = c.operand(root.in[1], root.ct)
		} else {
			r.hasK, r.k = true, c.constant(root)
		}
	}
	p.red = r
	return p
}

// emitAll emits the instructions of the nodes not fused into others.
func (c *compiler) emitAll(order []*node) {
	for _, v := range order {
		if !c.skip[v] {
			c.emit(v)
		}
	}
}

// unitSource returns the random source in [0, 1) that v is, or whose Pow(2)
// fused with it v is (square set), when v has one consumer.
func (c *compiler) unitSource(v *node) (u *node, square bool) {
	if c.uses[v] != 1 {
		return nil, false
	}
	u = v
	if v.kind == kUnary {
		if c.square[v.in[0]] != v {
			return nil, false
		}
		u, square = v.in[0], true
	}
	if rs, ok := u.src.(*randomSource); ok && u.kind == kSource && rs.kind == randUniform && rs.a == 0 && rs.b == 1 {
		return u, square
	}
	return nil, false
}

// topo lists the nodes of root's graph, operands before their consumers.
func topo(root *node) []*node {
	var order []*node
	seen := map[*node]bool{}
	var visit func(v *node)
	visit = func(v *node) {
		if seen[v] {
			return
		}
		seen[v] = true
		for _, u := range v.in {
			visit(u)
		}
		order = append(order, v)
	}
	visit(root)
	return order
}

type compiler struct {
	p      *plan
	uses   map[*node]int // consumers not yet emitted
	regs   map[*node]reg
	free   [3][]int
	consts map[*Scalar]constant
	dying  []reg           // registers whose value dies at the instruction being emitted
	skip   map[*node]bool  // nodes fused into another's loop
	square map[*node]*node // sources fused with their Pow(2)
}

func (c *compiler) alloc(t np.DType) reg {
	if f := c.free[t]; len(f) > 0 {
		c.free[t] = f[:len(f)-1]
		return reg{t, f[len(f)-1]}
	}
	c.p.banks[t]++
	return reg{t, c.p.banks[t] - 1}
}

func (c *compiler) release(r reg) { c.free[r.t] = append(c.free[r.t], r.i) }

// operand is the register holding u's block as dtype t, cast into a new
// register when u has another dtype. It counts one use of u.
func (c *compiler) operand(u *node, t np.DType) reg {
	r := c.regs[u]
	c.uses[u]--
	dies := c.uses[u] == 0
	if u.dt == t {
		if dies {
			c.dying = append(c.dying, r)
		}
		return r
	}
	if dies {
		c.release(r)
	}
	d := c.alloc(t)
	c.add(instr{code: iCast, ct: u.dt, dst: d, a: r, nd: u})
	c.dying = append(c.dying, d)
	return d
}

func (c *compiler) add(in instr) { c.p.instrs = append(c.p.instrs, in) }

func (c *compiler) constant(v *node) constant {
	k := v.k
	if v.lazy != nil {
		k = c.consts[v.lazy]
	}
	switch v.ct {
	case np.Float64:
		return constant{dt: np.Float64, f: k.asFloat()}
	case np.Int64:
		if k.dt == np.Float64 && k.f != math.Trunc(k.f) {
			panic("da: internal error: float constant in an int64 operation")
		}
		return constant{dt: np.Int64, i: k.asInt()}
	}
	return constant{dt: np.Bool, b: k.b}
}

// emit adds v's instruction. Its destination is the register of an operand
// that dies there, when one has v's dtype, or a free register.
func (c *compiler) emit(v *node) {
	c.dying = c.dying[:0]
	in := instr{op: v.op, ct: v.ct, nd: v}
	switch v.kind {
	case kSource:
		in.code, in.gen = iGen, len(c.p.sources)
		c.p.sources = append(c.p.sources, v.src)
		if sq := c.square[v]; sq != nil {
			in.square = true
			in.dst = c.alloc(np.Float64)
			c.regs[v], c.regs[sq] = in.dst, in.dst
			c.add(in)
			return
		}
	case kUnary:
		in.a = c.operand(v.in[0], v.ct)
		switch v.op {
		case opNot:
			in.code = iNot
		case opSqrt:
			in.code = iSqrt
		case opPow:
			in.code, in.pow = iPow, v.pow
		}
	case kBinary:
		in.a = c.operand(v.in[0], v.ct)
		in.b = c.operand(v.in[1], v.ct)
		switch {
		case v.op.isCompare():
			in.code = iCmpVV
		case v.op == opAnd || v.op == opOr:
			in.code = iLogicVV
		default:
			in.code = iArithVV
		}
	case kConst:
		in.a = c.operand(v.in[0], v.ct)
		in.k = c.constant(v)
		switch {
		case v.op.isCompare():
			in.code = iCmpVK
		case v.op == opAnd || v.op == opOr:
			in.code = iLogicVK
		default:
			in.code = iArithVK
		}
	}
	in.dst = reg{t: -1}
	for _, r := range c.dying {
		if in.dst.t < 0 && r.t == v.dt {
			in.dst = r
			continue
		}
		if r != in.dst {
			c.release(r)
		}
	}
	if in.dst.t < 0 {
		in.dst = c.alloc(v.dt)
	}
	c.regs[v] = in.dst
	c.add(in)
}
