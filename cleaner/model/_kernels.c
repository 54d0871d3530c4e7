/* The learned model's two inner loops in C: walking boosted trees and adding up lexical weights.
 *
 * Optional: when this extension did not build, cleaner/model/kernels.py runs the same loops with numpy.
 * Both give the same numbers bit for bit: the same float32 comparisons in the walk, and the lexical sums
 * add the same float64 terms in the same order as numpy's bincount (bias first, then the terms in the
 * design's order). Built with -ffp-contract=off so that no product and sum are fused into one rounding.
 * On an x86-64 processor that has AVX2 (asked at run time) the lexical sums take eight classes a step; each
 * number is computed as before, so the results are the same bits. (The tree walk stays scalar: a walk of eight
 * rows a step by AVX2 gathers took fewer instructions but more time than the four rows side by side.)
 * Arrays come in through the buffer protocol (numpy arrays, C-contiguous), so no numpy headers are needed
 * to build it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define HAVE_AVX2 1  /* the lexical sums also built for AVX2, taken when the processor has it (the same arithmetic) */
#endif

/* Rows walked down a tree side by side (see leaves). */
#define WALK_BLOCK 32
/* Design entries ahead of the one being added whose weights are fetched into the cache meanwhile. */
#define LEXICAL_AHEAD 8
/* Words and word pairs ahead of the one being counted whose cache entries and table slots are fetched meanwhile. */
#define AHEAD 8

/* A read or written buffer with the item size the caller promised; 0 on success. */
static int get(PyObject *obj, Py_buffer *view, Py_ssize_t itemsize, int writable, const char *name) {
    int flags = PyBUF_C_CONTIGUOUS | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        return -1;
    }
    if (view->itemsize != itemsize) {
        PyErr_Format(PyExc_TypeError, "%s: items of %zd bytes expected, got %zd", name, itemsize, view->itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* leaves(x, width, roots, feature, threshold, left, depth, out[, value]): the leaf each row of x (float32,
 * rows x width) reaches in each tree, written to out (intp, rows x trees), or the leaf's value (value:
 * float64 per node) when value is given (out float64 then). A node's right child is its
 * left child + 1; a row goes right when its value is greater than the node's threshold. */
static PyObject *leaves(PyObject *self, PyObject *args) {
    PyObject *ox, *oroots, *ofeature, *othreshold, *oleft, *oout, *ovalue = NULL;
    Py_ssize_t width;
    int depth;
    if (!PyArg_ParseTuple(args, "OnOOOOiO|O", &ox, &width, &oroots, &ofeature, &othreshold, &oleft, &depth, &oout,
                          &ovalue)) {
        return NULL;
    }
    Py_buffer x, roots, feature, threshold, left, out, value;
    if (get(ox, &x, sizeof(float), 0, "x") < 0) return NULL;
    if (get(oroots, &roots, sizeof(Py_ssize_t), 0, "roots") < 0) goto fail_x;
    if (get(ofeature, &feature, sizeof(Py_ssize_t), 0, "feature") < 0) goto fail_roots;
    if (get(othreshold, &threshold, sizeof(float), 0, "threshold") < 0) goto fail_feature;
    if (get(oleft, &left, sizeof(Py_ssize_t), 0, "left") < 0) goto fail_threshold;
    if (get(oout, &out, ovalue ? sizeof(double) : sizeof(Py_ssize_t), 1, "out") < 0) goto fail_left;
    if (ovalue) {
        if (get(ovalue, &value, sizeof(double), 0, "value") < 0) goto fail_out;
    }

    Py_ssize_t trees = roots.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t nodes = feature.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t rows = width > 0 ? x.len / (Py_ssize_t)sizeof(float) / width : 0;
    if (width <= 0 || rows * trees * (Py_ssize_t)(ovalue ? sizeof(double) : sizeof(Py_ssize_t)) != out.len
        || threshold.len / (Py_ssize_t)sizeof(float) != nodes || left.len / (Py_ssize_t)sizeof(Py_ssize_t) != nodes
        || (ovalue && value.len / (Py_ssize_t)sizeof(double) != nodes)) {
        PyErr_SetString(PyExc_ValueError, "leaves: array sizes do not agree");
        goto fail_value;
    }
    const float *xs = x.buf, *thr = threshold.buf;
    const Py_ssize_t *root = roots.buf, *feat = feature.buf, *lft = left.buf;
    Py_ssize_t *dst = out.buf;
    double *dst_value = out.buf;
    const double *val = ovalue ? value.buf : NULL;
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    /* Every node is checked once, so that no walk can leave the arrays: its feature is a column of x and
     * its children are nodes (a leaf, its own left child with an infinite threshold, never goes right). */
    for (Py_ssize_t t = 0; t < trees; t++) {
        bad |= root[t] < 0 || root[t] >= nodes;
    }
    for (Py_ssize_t i = 0; i < nodes; i++) {
        bad |= feat[i] < 0 || feat[i] >= width || lft[i] < 0 || lft[i] >= nodes
               || (lft[i] + 1 >= nodes && !(thr[i] == INFINITY));
    }
    /* A block of rows goes down each tree together: the tree's nodes stay in the cache, and the rows'
     * walks do not wait on each other's loads. */
    for (Py_ssize_t r0 = 0; r0 < rows && !bad; r0 += WALK_BLOCK) {
        int block = rows - r0 < WALK_BLOCK ? (int)(rows - r0) : WALK_BLOCK;
        const float *base = xs + r0 * width;
        for (Py_ssize_t t = 0; t < trees; t++) {
            Py_ssize_t at[WALK_BLOCK];
            for (int k = 0; k < block; k++) {
                at[k] = root[t];
            }
            for (int step = 0; step < depth; step++) {
                for (int k = 0; k < block; k++) {
                    at[k] = lft[at[k]] + (base[k * width + feat[at[k]]] > thr[at[k]]);
                }
            }
            for (int k = 0; k < block; k++) {
                if (val) {
                    dst_value[(r0 + k) * trees + t] = val[at[k]];
                } else {
                    dst[(r0 + k) * trees + t] = at[k];
                }
            }
        }
    }
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "leaves: a node or feature index is out of range");
        goto fail_value;
    }
    if (ovalue) {
        PyBuffer_Release(&value);
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&left);
    PyBuffer_Release(&threshold);
    PyBuffer_Release(&feature);
    PyBuffer_Release(&roots);
    PyBuffer_Release(&x);
    Py_RETURN_NONE;
fail_value:
    if (ovalue) {
        PyBuffer_Release(&value);
    }
fail_out:
    PyBuffer_Release(&out);
fail_left:
    PyBuffer_Release(&left);
fail_threshold:
    PyBuffer_Release(&threshold);
fail_feature:
    PyBuffer_Release(&feature);
fail_roots:
    PyBuffer_Release(&roots);
fail_x:
    PyBuffer_Release(&x);
    return NULL;
}

/* A node of a complete tree (see complete): the column it reads and the threshold it compares it with. */
typedef struct {
    int32_t feature;
    float threshold;
} Split;

/* complete(x, width, splits, values, depth, out): the value of the leaf each row of x (float32, rows x width)
 * reaches in each tree, written to out (float64, rows x trees). A tree is complete, of `depth` levels of
 * splits (trees x (2^depth - 1) Split, level by level) above 2^depth leaf values (float64): from position p a
 * row goes to 2p + 1, or to 2p + 2 when its value is greater than the split's threshold, so a step reads one
 * node, and no child index. kernels.complete_trees lays a forest out so; the leaves reached are the same. */
static PyObject *complete(PyObject *self, PyObject *args) {
    PyObject *ox, *osplits, *ovalues, *oout;
    Py_ssize_t width;
    int depth;
    if (!PyArg_ParseTuple(args, "OnOOiO", &ox, &width, &osplits, &ovalues, &depth, &oout)) {
        return NULL;
    }
    if (depth < 1 || depth > 20) {
        PyErr_SetString(PyExc_ValueError, "complete: the depth is out of range");
        return NULL;
    }
    Py_buffer x, splits, values, out;
    if (get(ox, &x, sizeof(float), 0, "x") < 0) return NULL;
    if (get(osplits, &splits, sizeof(Split), 0, "splits") < 0) goto fail_x;
    if (get(ovalues, &values, sizeof(double), 0, "values") < 0) goto fail_splits;
    if (get(oout, &out, sizeof(double), 1, "out") < 0) goto fail_values;

    Py_ssize_t inner = ((Py_ssize_t)1 << depth) - 1, leaves = (Py_ssize_t)1 << depth;
    Py_ssize_t trees = splits.len / (Py_ssize_t)sizeof(Split) / inner;
    Py_ssize_t rows = width > 0 ? x.len / (Py_ssize_t)sizeof(float) / width : 0;
    if (width <= 0 || rows * width * (Py_ssize_t)sizeof(float) != x.len
        || trees * inner * (Py_ssize_t)sizeof(Split) != splits.len
        || trees * leaves * (Py_ssize_t)sizeof(double) != values.len
        || rows * trees * (Py_ssize_t)sizeof(double) != out.len) {
        PyErr_SetString(PyExc_ValueError, "complete: array sizes do not agree");
        goto fail_out;
    }
    const float *xs = x.buf;
    const Split *split = splits.buf;
    const double *value = values.buf;
    double *dst = out.buf;
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < trees * inner; i++) {  /* every split reads a column of x */
        bad |= split[i].feature < 0 || split[i].feature >= width;
    }
    /* A block of rows goes down each tree together, as in leaves. */
    for (Py_ssize_t r0 = 0; r0 < rows && !bad; r0 += WALK_BLOCK) {
        int block = rows - r0 < WALK_BLOCK ? (int)(rows - r0) : WALK_BLOCK;
        const float *base = xs + r0 * width;
        for (Py_ssize_t t = 0; t < trees; t++) {
            const Split *tree = split + t * inner;
            const double *leaf = value + t * leaves - inner;
            /* A row's steps wait on each other, four rows' do not: they go down the tree side by side. */
            int k = 0;
            for (; k + 4 <= block; k += 4) {
                const float *x0 = base + k * width, *x1 = x0 + width, *x2 = x1 + width, *x3 = x2 + width;
                Py_ssize_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                for (int step = 0; step < depth; step++) {
                    a0 = 2 * a0 + 1 + (x0[tree[a0].feature] > tree[a0].threshold);
                    a1 = 2 * a1 + 1 + (x1[tree[a1].feature] > tree[a1].threshold);
                    a2 = 2 * a2 + 1 + (x2[tree[a2].feature] > tree[a2].threshold);
                    a3 = 2 * a3 + 1 + (x3[tree[a3].feature] > tree[a3].threshold);
                }
                double *out_k = dst + (r0 + k) * trees + t;
                out_k[0] = leaf[a0];
                out_k[trees] = leaf[a1];
                out_k[2 * trees] = leaf[a2];
                out_k[3 * trees] = leaf[a3];
            }
            for (; k < block; k++) {
                const float *row = base + k * width;
                Py_ssize_t at = 0;
                for (int step = 0; step < depth; step++) {
                    at = 2 * at + 1 + (row[tree[at].feature] > tree[at].threshold);
                }
                dst[(r0 + k) * trees + t] = leaf[at];
            }
        }
    }
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "complete: a split reads a column out of range");
    }
fail_out:
    PyBuffer_Release(&out);
fail_values:
    PyBuffer_Release(&values);
fail_splits:
    PyBuffer_Release(&splits);
fail_x:
    PyBuffer_Release(&x);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* The design's entries added into dst in order (see lexical); 1 when an entry's row or column is out of range. */
static int lexical_plain(const int64_t *row, const int64_t *col, const float *val, const int8_t *w, const float *s,
                         double *dst, Py_ssize_t entries, Py_ssize_t size, Py_ssize_t terms, Py_ssize_t classes) {
    for (Py_ssize_t e = 0; e < entries; e++) {
        if (row[e] < 0 || row[e] >= size || col[e] < 0 || col[e] >= terms) {
            return 1;
        }
#if defined(__GNUC__) || defined(__clang__)
        if (e + LEXICAL_AHEAD < entries && col[e + LEXICAL_AHEAD] >= 0 && col[e + LEXICAL_AHEAD] < terms) {
            __builtin_prefetch(w + col[e + LEXICAL_AHEAD] * classes);
        }
#endif
        double *cell = dst + row[e] * classes;
        const int8_t *wrow = w + col[e] * classes;
        for (Py_ssize_t c = 0; c < classes; c++) {
            float product = (float)wrow[c] * s[c];
            cell[c] += (double)product * (double)val[e];
        }
    }
    return 0;
}

#ifdef HAVE_AVX2
/* lexical_plain with AVX2: eight classes a step (then four), each as the plain loop computes it (the float product
 * widened, multiplied and added in float64; no fused multiply-add), the last few classes one at a time. */
__attribute__((target("avx2")))
static int lexical_avx2(const int64_t *row, const int64_t *col, const float *val, const int8_t *w, const float *s,
                        double *dst, Py_ssize_t entries, Py_ssize_t size, Py_ssize_t terms, Py_ssize_t classes) {
    for (Py_ssize_t e = 0; e < entries; e++) {
        if (row[e] < 0 || row[e] >= size || col[e] < 0 || col[e] >= terms) {
            return 1;
        }
        if (e + LEXICAL_AHEAD < entries && col[e + LEXICAL_AHEAD] >= 0 && col[e + LEXICAL_AHEAD] < terms) {
            __builtin_prefetch(w + col[e + LEXICAL_AHEAD] * classes);
        }
        double *cell = dst + row[e] * classes;
        const int8_t *wrow = w + col[e] * classes;
        const __m256d v = _mm256_set1_pd((double)val[e]);
        Py_ssize_t c = 0;
        for (; c + 8 <= classes; c += 8) {
            __m128i eight = _mm_loadl_epi64((const __m128i *)(wrow + c));
            __m256 product = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(eight)), _mm256_loadu_ps(s + c));
            __m256d low = _mm256_mul_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(product)), v);
            __m256d high = _mm256_mul_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(product, 1)), v);
            _mm256_storeu_pd(cell + c, _mm256_add_pd(_mm256_loadu_pd(cell + c), low));
            _mm256_storeu_pd(cell + c + 4, _mm256_add_pd(_mm256_loadu_pd(cell + c + 4), high));
        }
        for (; c + 4 <= classes; c += 4) {
            int32_t four;
            memcpy(&four, wrow + c, sizeof(four));
            __m128 weights = _mm_cvtepi32_ps(_mm_cvtepi8_epi32(_mm_cvtsi32_si128(four)));
            __m128 product = _mm_mul_ps(weights, _mm_loadu_ps(s + c));
            __m256d sum = _mm256_add_pd(_mm256_loadu_pd(cell + c), _mm256_mul_pd(_mm256_cvtps_pd(product), v));
            _mm256_storeu_pd(cell + c, sum);
        }
        for (; c < classes; c++) {  /* (one class in a register each: a loop the compiler leaves as it is) */
            __m128 product = _mm_mul_ss(_mm_cvtsi32_ss(_mm_setzero_ps(), wrow[c]), _mm_load_ss(s + c));
            __m128d term = _mm_mul_sd(_mm_cvtss_sd(_mm_setzero_pd(), product), _mm256_castpd256_pd128(v));
            _mm_store_sd(cell + c, _mm_add_sd(_mm_load_sd(cell + c), term));
        }
    }
    return 0;
}
#endif

/* lexical(rows, cols, vals, weight, scale, bias, out): out (float64, size x classes) starts at each
 * class's bias; each design entry (row, col, val) then adds (float)(weight[col, c] * scale[c]) * val to
 * out[row, c], entries in the order given. weight is int8 (terms x classes), scale and vals float32. */
static PyObject *lexical(PyObject *self, PyObject *args) {
    PyObject *orows, *ocols, *ovals, *oweight, *oscale, *obias, *oout;
    if (!PyArg_ParseTuple(args, "OOOOOOO", &orows, &ocols, &ovals, &oweight, &oscale, &obias, &oout)) {
        return NULL;
    }
    Py_buffer rows, cols, vals, weight, scale, bias, out;
    if (get(orows, &rows, sizeof(int64_t), 0, "rows") < 0) return NULL;
    if (get(ocols, &cols, sizeof(int64_t), 0, "cols") < 0) goto fail_rows;
    if (get(ovals, &vals, sizeof(float), 0, "vals") < 0) goto fail_cols;
    if (get(oweight, &weight, sizeof(int8_t), 0, "weight") < 0) goto fail_vals;
    if (get(oscale, &scale, sizeof(float), 0, "scale") < 0) goto fail_weight;
    if (get(obias, &bias, sizeof(double), 0, "bias") < 0) goto fail_scale;
    if (get(oout, &out, sizeof(double), 1, "out") < 0) goto fail_bias;

    Py_ssize_t classes = bias.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t entries = rows.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t size = classes > 0 ? out.len / (Py_ssize_t)sizeof(double) / classes : 0;
    Py_ssize_t terms = classes > 0 ? weight.len / classes : 0;
    if (classes <= 0 || scale.len / (Py_ssize_t)sizeof(float) != classes
        || cols.len / (Py_ssize_t)sizeof(int64_t) != entries || vals.len / (Py_ssize_t)sizeof(float) != entries
        || size * classes * (Py_ssize_t)sizeof(double) != out.len || terms * classes != weight.len) {
        PyErr_SetString(PyExc_ValueError, "lexical: array sizes do not agree");
        goto fail_out;
    }
    const int64_t *row = rows.buf, *col = cols.buf;
    const double *b = bias.buf;
    const float *val = vals.buf;
    const int8_t *w = weight.buf;
    const float *s = scale.buf;
    double *dst = out.buf;
    int bad = 0;
#ifdef HAVE_AVX2
    int wide = __builtin_cpu_supports("avx2");
#endif
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t r = 0; r < size; r++) {
        for (Py_ssize_t c = 0; c < classes; c++) {
            dst[r * classes + c] = 0.0 + b[c];
        }
    }
#ifdef HAVE_AVX2
    bad = wide ? lexical_avx2(row, col, val, w, s, dst, entries, size, terms, classes)
               : lexical_plain(row, col, val, w, s, dst, entries, size, terms, classes);
#else
    bad = lexical_plain(row, col, val, w, s, dst, entries, size, terms, classes);
#endif
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "lexical: a row or column index is out of range");
        goto fail_out;
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&bias);
    PyBuffer_Release(&scale);
    PyBuffer_Release(&weight);
    PyBuffer_Release(&vals);
    PyBuffer_Release(&cols);
    PyBuffer_Release(&rows);
    Py_RETURN_NONE;
fail_out:
    PyBuffer_Release(&out);
fail_bias:
    PyBuffer_Release(&bias);
fail_scale:
    PyBuffer_Release(&scale);
fail_weight:
    PyBuffer_Release(&weight);
fail_vals:
    PyBuffer_Release(&vals);
fail_cols:
    PyBuffer_Release(&cols);
fail_rows:
    PyBuffer_Release(&rows);
    return NULL;
}

/* The vocabulary of a lexical model as an open-addressing hash table (slots: uint64, a power of two of them,
 * zero = empty): a slot holds a term key's fingerprint (its bits 16..47) in its upper half and the key's
 * column + 1 in its lower half; a key starts at its low bits and probes on. A fingerprint match is checked
 * against the key itself, so the table answers exactly what a search of the sorted keys answers. */
static Py_ssize_t find(const uint64_t *slots, uint64_t mask, const uint64_t *keys, Py_ssize_t nkeys, uint64_t key) {
    uint32_t print = (uint32_t)(key >> 16);
    uint64_t i = key & mask;
    for (uint64_t probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
        uint64_t slot = slots[i];
        if (slot == 0) {
            return -1;
        }
        if ((uint32_t)(slot >> 32) == print) {
            Py_ssize_t col = (Py_ssize_t)(uint32_t)slot - 1;
            if (col < nkeys && keys[col] == key) {
                return col;
            }
        }
    }
    return -1;
}

/* The slots mask of a table buffer, or 0 with an error set when its size is no power of two. */
static uint64_t table_mask(const Py_buffer *slots) {
    uint64_t size = (uint64_t)(slots->len / (Py_ssize_t)sizeof(uint64_t));
    if (size < 2 || (size & (size - 1))) {
        PyErr_SetString(PyExc_ValueError, "table: the slots are not a power of two");
        return 0;
    }
    return size - 1;
}

/* table(keys, slots): fill the (zeroed) slots with the columns of keys; of two equal keys the first column
 * is kept (as a stable sort finds it). slots must be more than keys, so that a probe meets an empty one. */
static PyObject *table(PyObject *self, PyObject *args) {
    PyObject *okeys, *oslots;
    if (!PyArg_ParseTuple(args, "OO", &okeys, &oslots)) {
        return NULL;
    }
    Py_buffer keys, slots;
    if (get(okeys, &keys, sizeof(uint64_t), 0, "keys") < 0) return NULL;
    if (get(oslots, &slots, sizeof(uint64_t), 1, "slots") < 0) {
        PyBuffer_Release(&keys);
        return NULL;
    }
    Py_ssize_t nkeys = keys.len / (Py_ssize_t)sizeof(uint64_t);
    uint64_t mask = table_mask(&slots);
    if (mask && ((uint64_t)nkeys > mask || nkeys >= UINT32_MAX)) {
        PyErr_SetString(PyExc_ValueError, "table: too few slots for the keys");
        mask = 0;
    }
    if (mask) {
        const uint64_t *k = keys.buf;
        uint64_t *s = slots.buf;
        for (Py_ssize_t col = 0; col < nkeys; col++) {
            if (find(s, mask, k, nkeys, k[col]) >= 0) {
                continue;
            }
            uint64_t i = k[col] & mask;
            while (s[i] != 0) {
                i = (i + 1) & mask;
            }
            s[i] = ((uint64_t)(uint32_t)(k[col] >> 16) << 32) | (uint64_t)(col + 1);
        }
    }
    PyBuffer_Release(&slots);
    PyBuffer_Release(&keys);
    if (!mask) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* lookup(slots, keys, queries, out): the column of each query key (intp), -1 where the table lacks it. */
static PyObject *lookup(PyObject *self, PyObject *args) {
    PyObject *oslots, *okeys, *oqueries, *oout;
    if (!PyArg_ParseTuple(args, "OOOO", &oslots, &okeys, &oqueries, &oout)) {
        return NULL;
    }
    Py_buffer slots, keys, queries, out;
    if (get(oslots, &slots, sizeof(uint64_t), 0, "slots") < 0) return NULL;
    if (get(okeys, &keys, sizeof(uint64_t), 0, "keys") < 0) goto fail_slots;
    if (get(oqueries, &queries, sizeof(uint64_t), 0, "queries") < 0) goto fail_keys;
    if (get(oout, &out, sizeof(Py_ssize_t), 1, "out") < 0) goto fail_queries;
    uint64_t mask = table_mask(&slots);
    Py_ssize_t n = queries.len / (Py_ssize_t)sizeof(uint64_t);
    if (mask && out.len != n * (Py_ssize_t)sizeof(Py_ssize_t)) {
        PyErr_SetString(PyExc_ValueError, "lookup: array sizes do not agree");
        mask = 0;
    }
    if (mask) {
        const uint64_t *q = queries.buf;
        Py_ssize_t *dst = out.buf;
        for (Py_ssize_t i = 0; i < n; i++) {
            dst[i] = find(slots.buf, mask, keys.buf, keys.len / (Py_ssize_t)sizeof(uint64_t), q[i]);
        }
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&queries);
    PyBuffer_Release(&keys);
    PyBuffer_Release(&slots);
    if (!mask) {
        return NULL;
    }
    Py_RETURN_NONE;
fail_queries:
    PyBuffer_Release(&queries);
fail_keys:
    PyBuffer_Release(&keys);
fail_slots:
    PyBuffer_Release(&slots);
    return NULL;
}

/* Sort n keys below `bound` (least significant digit first, RADIX_BITS a pass, passes over a digit that
 * all keys share skipped), using `spare` (n items) as the other buffer; returns the buffer holding them sorted
 * (keys or spare). A document's few thousand keys take a few passes over them, not a comparison sort. */
#define RADIX_BITS 11
static const int64_t *sort_keys(int64_t *keys, int64_t *spare, Py_ssize_t n, uint64_t bound) {
    Py_ssize_t hist[1 << RADIX_BITS];
    int64_t *from = keys, *to = spare;
    for (int shift = 0; shift < 64 && (bound - 1) >> shift; shift += RADIX_BITS) {
        memset(hist, 0, sizeof(hist));
        for (Py_ssize_t i = 0; i < n; i++) {
            hist[((uint64_t)from[i] >> shift) & ((1 << RADIX_BITS) - 1)]++;
        }
        Py_ssize_t total = 0;
        int alone = 0;
        for (int d = 0; d < (1 << RADIX_BITS); d++) {
            Py_ssize_t c = hist[d];
            alone |= c == n;
            hist[d] = total;
            total += c;
        }
        if (alone) {
            continue;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            to[hist[((uint64_t)from[i] >> shift) & ((1 << RADIX_BITS) - 1)]++] = from[i];
        }
        int64_t *t = from;
        from = to;
        to = t;
    }
    return from;
}

/* counts(ids, words, wkeys, wsizes, wstarts, wflat, slots, keys, start_key, end_key, rows, cols, count):
 * the known terms of each line and how often it holds each, sorted by line and column; returns how many
 * entries it wrote. A line's words are `words[line]` consecutive entries of ids (cached words: wkeys[id] the
 * word's key, wflat[wstarts[id]:wstarts[id] + wsizes[id]] its known columns); its pairs are the neighbouring
 * keys between start_key and end_key, combined as lexical.pair_keys combines them and looked up in slots. */
static PyObject *counts(PyObject *self, PyObject *args) {
    PyObject *oids, *owords, *owkeys, *owsizes, *owstarts, *owflat, *oslots, *okeys, *orows, *ocols, *ocount;
    unsigned long long start_key, end_key;
    if (!PyArg_ParseTuple(args, "OOOOOOOOKKOOO", &oids, &owords, &owkeys, &owsizes, &owstarts, &owflat, &oslots,
                          &okeys, &start_key, &end_key, &orows, &ocols, &ocount)) {
        return NULL;
    }
    Py_buffer b[11];
    PyObject *objs[11] = {oids, owords, owkeys, owsizes, owstarts, owflat, oslots, okeys, orows, ocols, ocount};
    Py_ssize_t sizes[11] = {sizeof(Py_ssize_t), sizeof(Py_ssize_t), sizeof(uint64_t), sizeof(Py_ssize_t),
                            sizeof(Py_ssize_t), sizeof(Py_ssize_t), sizeof(uint64_t), sizeof(uint64_t),
                            sizeof(int64_t), sizeof(int64_t), sizeof(int64_t)};
    const char *names[11] = {"ids", "words", "wkeys", "wsizes", "wstarts", "wflat", "slots", "keys", "rows", "cols",
                             "count"};
    int got = 0;
    for (; got < 11; got++) {
        if (get(objs[got], &b[got], sizes[got], got >= 8, names[got]) < 0) {
            break;
        }
    }
    Py_ssize_t written = -1;
    if (got == 11) {
        const Py_ssize_t *ids = b[0].buf, *words = b[1].buf, *wsizes = b[3].buf, *wstarts = b[4].buf;
        const Py_ssize_t *wflat = b[5].buf;
        const uint64_t *wkeys = b[2].buf, *keys = b[7].buf;
        int64_t *rows = b[8].buf, *cols = b[9].buf, *count = b[10].buf;
        Py_ssize_t ntokens = b[0].len / (Py_ssize_t)sizeof(Py_ssize_t);
        Py_ssize_t nlines = b[1].len / (Py_ssize_t)sizeof(Py_ssize_t);
        Py_ssize_t ncached = b[2].len / (Py_ssize_t)sizeof(uint64_t);
        Py_ssize_t nflat = b[5].len / (Py_ssize_t)sizeof(Py_ssize_t);
        Py_ssize_t nkeys = b[7].len / (Py_ssize_t)sizeof(uint64_t);
        Py_ssize_t cap = b[8].len / (Py_ssize_t)sizeof(int64_t);
        uint64_t mask = table_mask(&b[6]);
        int bad = !mask || b[3].len != b[2].len || b[4].len != b[2].len || b[9].len != b[8].len
                  || b[10].len != b[8].len;
        Py_ssize_t total = 0;
        for (Py_ssize_t line = 0; line < nlines && !bad; line++) {
            bad |= words[line] < 0;
            total += words[line];
        }
        bad |= total != ntokens;
        for (Py_ssize_t t = 0; t < ntokens && !bad; t++) {
            Py_ssize_t id = ids[t];
            bad |= id < 0 || id >= ncached || wsizes[id] < 0 || wstarts[id] < 0 || wstarts[id] + wsizes[id] > nflat;
        }
        if (bad) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "counts: array sizes or indices do not agree");
        } else {
            const uint64_t pair = 0x9E3779B97F4A7C15ULL, keep = (1ULL << 48) - 1;
            /* The document's pairs (a line's words + 1) are looked up first, all together, each slot fetched
             * into the cache some pairs ahead; then each line's word columns and found pairs are counted. */
            Py_ssize_t npairs = ntokens + nlines;
            int64_t *found = PyMem_RawMalloc((size_t)(npairs > 0 ? npairs : 1) * sizeof(int64_t));
            if (found == NULL) {
                for (int i = 0; i < got; i++) {
                    PyBuffer_Release(&b[i]);
                }
                return PyErr_NoMemory();
            }
            Py_ssize_t at = 0, token = 0;
            Py_BEGIN_ALLOW_THREADS
            const uint64_t *slots = b[6].buf;
            for (Py_ssize_t line = 0, p = 0; line < nlines; line++) {
                uint64_t previous = (uint64_t)start_key;
                for (Py_ssize_t k = 0; k <= words[line]; k++, p++) {
#if defined(__GNUC__) || defined(__clang__)
                    if (token + k + AHEAD < ntokens) {
                        __builtin_prefetch(wkeys + ids[token + k + AHEAD]);
                    }
#endif
                    uint64_t key = k < words[line] ? wkeys[ids[token + k]] : (uint64_t)end_key;
                    found[p] = (int64_t)((previous * pair + key) & keep);
                    previous = key;
                }
                token += words[line];
            }
            for (Py_ssize_t p = 0; p < npairs; p++) {
#if defined(__GNUC__) || defined(__clang__)
                if (p + AHEAD < npairs) {
                    __builtin_prefetch(slots + ((uint64_t)found[p + AHEAD] & mask));
                }
#endif
                found[p] = find(slots, mask, keys, nkeys, (uint64_t)found[p]);
            }
            token = 0;
            for (Py_ssize_t line = 0, p = 0; line < nlines && !bad; line++) {
                for (Py_ssize_t k = 0; k <= words[line]; k++, p++) {
                    Py_ssize_t id = k < words[line] ? ids[token + k] : -1;
#if defined(__GNUC__) || defined(__clang__)
                    if (token + k + AHEAD < ntokens) {
                        Py_ssize_t ahead = ids[token + k + AHEAD];
                        __builtin_prefetch(wsizes + ahead);
                        __builtin_prefetch(wstarts + ahead);
                    }
                    if (token + k + AHEAD / 2 < ntokens) {
                        __builtin_prefetch(wflat + wstarts[ids[token + k + AHEAD / 2]]);
                    }
#endif
                    Py_ssize_t need = (id >= 0 ? wsizes[id] : 0) + (found[p] >= 0);
                    if (at + need > cap) {
                        bad = 1;
                        break;
                    }
                    for (Py_ssize_t j = 0; id >= 0 && j < wsizes[id]; j++) {
                        cols[at++] = line * nkeys + wflat[wstarts[id] + j];
                    }
                    if (found[p] >= 0) {
                        cols[at++] = line * nkeys + found[p];
                    }
                }
                token += words[line];
            }
            /* Sorted (line, column) keys, counted: each run of one key is an entry. */
            const int64_t *sorted = bad ? cols : sort_keys(cols, rows, at, (uint64_t)nlines * (uint64_t)nkeys);
            Py_ssize_t out = 0;
            int64_t last = -1, line = 0;
            for (Py_ssize_t e = 0; e < at && !bad; e++) {
                int64_t key = sorted[e];
                if (key == last) {
                    count[out - 1]++;
                } else {
                    while (nkeys > 0 && key >= (line + 1) * (int64_t)nkeys) {  /* (keys ascend: the line by steps, no division) */
                        line++;
                    }
                    rows[out] = line;
                    cols[out] = key - line * (int64_t)nkeys;
                    count[out] = 1;
                    out++;
                    last = key;
                }
            }
            at = out;
            Py_END_ALLOW_THREADS
            PyMem_RawFree(found);
            if (bad) {
                PyErr_SetString(PyExc_ValueError, "counts: more entries than room for them");
            } else {
                written = at;
            }
        }
    }
    for (int i = 0; i < got; i++) {
        PyBuffer_Release(&b[i]);
    }
    return written < 0 ? NULL : PyLong_FromSsize_t(written);
}

/* line_counts(cls, starts, ends, word, digit, space, upper, out): per line [starts[i], ends[i]) of the class
 * bits cls (uint8), how many characters start a word (a word character after none, or first), are neither
 * word nor space characters, are digits, are capitals, and start a word with a capital: out (float64,
 * lines x 5), integer counts as numpy's sums of the same bits give them. */
static PyObject *line_counts(PyObject *self, PyObject *args) {
    PyObject *ocls, *ostarts, *oends, *oout;
    unsigned int word, digit, space, upper;
    if (!PyArg_ParseTuple(args, "OOOIIIIO", &ocls, &ostarts, &oends, &word, &digit, &space, &upper, &oout)) {
        return NULL;
    }
    Py_buffer cls, starts, ends, out;
    if (get(ocls, &cls, sizeof(uint8_t), 0, "cls") < 0) return NULL;
    if (get(ostarts, &starts, sizeof(int64_t), 0, "starts") < 0) goto fail_cls;
    if (get(oends, &ends, sizeof(int64_t), 0, "ends") < 0) goto fail_starts;
    if (get(oout, &out, sizeof(double), 1, "out") < 0) goto fail_ends;
    Py_ssize_t n = starts.len / (Py_ssize_t)sizeof(int64_t);
    const int64_t *lo = starts.buf, *hi = ends.buf;
    int bad = ends.len != starts.len || out.len != n * 5 * (Py_ssize_t)sizeof(double);
    for (Py_ssize_t i = 0; i < n && !bad; i++) {
        bad |= lo[i] < 0 || hi[i] < lo[i] || hi[i] > cls.len;
    }
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "line_counts: array sizes or spans do not agree");
        goto fail_out;
    }
    const uint8_t *c = cls.buf;
    double *dst = out.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t starts_word = 0, other = 0, digits = 0, capitals = 0, titles = 0;
        int before = lo[i] > 0 && (c[lo[i] - 1] & word);
        for (int64_t p = lo[i]; p < hi[i]; p++) {
            unsigned int bits = c[p];
            int is_word = (bits & word) != 0, first = is_word && !before, capital = (bits & upper) != 0;
            starts_word += first;
            other += (bits & (word | space)) == 0;
            digits += (bits & digit) != 0;
            capitals += capital;
            titles += first && capital;
            before = is_word;
        }
        dst[i * 5] = (double)starts_word;
        dst[i * 5 + 1] = (double)other;
        dst[i * 5 + 2] = (double)digits;
        dst[i * 5 + 3] = (double)capitals;
        dst[i * 5 + 4] = (double)titles;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&out);
    PyBuffer_Release(&ends);
    PyBuffer_Release(&starts);
    PyBuffer_Release(&cls);
    Py_RETURN_NONE;
fail_out:
    PyBuffer_Release(&out);
fail_ends:
    PyBuffer_Release(&ends);
fail_starts:
    PyBuffer_Release(&starts);
fail_cls:
    PyBuffer_Release(&cls);
    return NULL;
}

/* fold_words(codes, cls, word, digit, out, counts): the lexical model's words of a document's joined lines
 * (code points, casefolded, with their class bits): a run of digits keeps its first character and, when
 * longer than two, its second, each as '0'; other characters that are neither word characters nor line breaks
 * become spaces. Writes the kept characters to out (uint32) and how many words each line holds to counts
 * (intp, zeroed, one per line); returns how many characters it wrote. */
static PyObject *fold_words(PyObject *self, PyObject *args) {
    PyObject *ocodes, *ocls, *oout, *ocounts;
    unsigned int word, digit;
    if (!PyArg_ParseTuple(args, "OOIIOO", &ocodes, &ocls, &word, &digit, &oout, &ocounts)) {
        return NULL;
    }
    Py_buffer codes, cls, out, counts;
    if (get(ocodes, &codes, sizeof(uint32_t), 0, "codes") < 0) return NULL;
    if (get(ocls, &cls, sizeof(uint8_t), 0, "cls") < 0) goto fail_codes;
    if (get(oout, &out, sizeof(uint32_t), 1, "out") < 0) goto fail_cls;
    if (get(ocounts, &counts, sizeof(Py_ssize_t), 1, "counts") < 0) goto fail_out;
    Py_ssize_t n = codes.len / (Py_ssize_t)sizeof(uint32_t), lines = counts.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t m = -1;
    if (cls.len != n || out.len != codes.len) {
        PyErr_SetString(PyExc_ValueError, "fold_words: array sizes do not agree");
    } else {
        const uint32_t *c = codes.buf;
        const uint8_t *k = cls.buf;
        uint32_t *dst = out.buf;
        Py_ssize_t *per = counts.buf, line = 0;
        int before = 0, bad = 0;
        m = 0;
        for (Py_ssize_t p = 0; p < n; p++) {
            int d = (k[p] & digit) != 0, w = (k[p] & word) != 0;
            if (d && p >= 1 && (k[p - 1] & digit)) {  /* inside a run of digits: kept only as a long run's second */
                int third = p + 1 < n && (k[p + 1] & digit);
                if ((p >= 2 && (k[p - 2] & digit)) || !third) {
                    continue;
                }
            }
            uint32_t code = d ? (uint32_t)'0' : (w || c[p] == 10 ? c[p] : (uint32_t)' ');
            dst[m++] = code;
            if (code == 10) {
                line++;
            } else if (w && !before) {
                bad |= line >= lines;
                if (!bad) per[line]++;
            }
            before = w;
        }
        if (bad) {
            PyErr_SetString(PyExc_ValueError, "fold_words: more lines than counts");
            m = -1;
        }
    }
    PyBuffer_Release(&counts);
    PyBuffer_Release(&out);
    PyBuffer_Release(&cls);
    PyBuffer_Release(&codes);
    return m < 0 ? NULL : PyLong_FromSsize_t(m);
fail_out:
    PyBuffer_Release(&out);
fail_cls:
    PyBuffer_Release(&cls);
fail_codes:
    PyBuffer_Release(&codes);
    return NULL;
}

/* line_marks(codes, cls, starts, begin, end, word, digit, space, separator, strong, out): per line, how many
 * years, clock times, pieces of an address and menu separators start in it (out: float64, lines x 4), as
 * chars.py's Chars.years, clocks, separators and characters.py's _url_starts find them: positions begin..end of
 * codes (uint32, with their class bits cls) are read, each in the last line starting at or before it (starts:
 * int64, ascending); a look beyond either end of codes reads code 0, of no class. */
static uint32_t mark_code(const uint32_t *c, Py_ssize_t n, Py_ssize_t p) { return p >= 0 && p < n ? c[p] : 0; }

static int mark_has(const uint8_t *k, Py_ssize_t n, Py_ssize_t p, unsigned int bit) {
    return p >= 0 && p < n && (k[p] & bit) != 0;
}

/* Whether the ASCII-lowercased codes at p spell `piece`. */
static int mark_spells(const uint32_t *c, Py_ssize_t n, Py_ssize_t p, const char *piece) {
    for (Py_ssize_t i = 0; piece[i]; i++) {
        uint32_t code = mark_code(c, n, p + i);
        if (p + i >= n || (code >= 'A' && code <= 'Z' ? code + 32 : code) != (uint32_t)(unsigned char)piece[i]) {
            return 0;
        }
    }
    return 1;
}

static PyObject *line_marks(PyObject *self, PyObject *args) {
    PyObject *ocodes, *ocls, *ostarts, *oout;
    Py_ssize_t begin, end;
    unsigned int word, digit, space, separator, strong;
    if (!PyArg_ParseTuple(args, "OOOnnIIIIIO", &ocodes, &ocls, &ostarts, &begin, &end, &word, &digit, &space,
                          &separator, &strong, &oout)) {
        return NULL;
    }
    static const char *pieces[] = {"http://", "https://", "www."};
    static const char *endings[] = {".com", ".org", ".net", ".de", ".htm", ".html"};
    Py_buffer codes, cls, starts, out;
    if (get(ocodes, &codes, sizeof(uint32_t), 0, "codes") < 0) return NULL;
    if (get(ocls, &cls, sizeof(uint8_t), 0, "cls") < 0) goto fail_codes;
    if (get(ostarts, &starts, sizeof(int64_t), 0, "starts") < 0) goto fail_cls;
    if (get(oout, &out, sizeof(double), 1, "out") < 0) goto fail_starts;
    Py_ssize_t n = codes.len / (Py_ssize_t)sizeof(uint32_t), lines = starts.len / (Py_ssize_t)sizeof(int64_t);
    int ok = cls.len == n && out.len == lines * 4 * (Py_ssize_t)sizeof(double) && begin >= 0 && end <= n;
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "line_marks: array sizes do not agree");
    } else {
        const uint32_t *c = codes.buf;
        const uint8_t *k = cls.buf;
        const int64_t *first = starts.buf;
        double *dst = out.buf;
        memset(dst, 0, (size_t)out.len);
        Py_ssize_t line = -1;
        for (Py_ssize_t p = begin; p < end; p++) {
            while (line + 1 < lines && first[line + 1] <= p) {
                line++;
            }
            if (line < 0) {
                continue;
            }
            uint32_t code = c[p];
            double *mine = dst + line * 4;
            if ((code == '1' && mark_code(c, n, p + 1) == '9') || (code == '2' && mark_code(c, n, p + 1) == '0')) {
                mine[0] += mark_has(k, n, p + 2, digit) && mark_has(k, n, p + 3, digit) && !mark_has(k, n, p - 1, word)
                           && !mark_has(k, n, p + 4, word);
            } else if (code == ':') {
                mine[1] += mark_has(k, n, p - 1, digit)
                           && (!mark_has(k, n, p - 2, word) || (mark_has(k, n, p - 2, digit) && !mark_has(k, n, p - 3, word)))
                           && mark_has(k, n, p + 1, digit) && mark_has(k, n, p + 2, digit) && !mark_has(k, n, p + 3, word);
            }
            if (code == '@') {
                mine[2] += mark_has(k, n, p + 1, word);
            } else if (code == 'h' || code == 'H' || code == 'w' || code == 'W') {  /* (a piece starts with h or w) */
                for (int i = 0; i < 3; i++) {
                    mine[2] += mark_spells(c, n, p, pieces[i]);
                }
            } else if (code == '.') {  /* (an ending starts with a dot) */
                for (int i = 0; i < 6; i++) {
                    Py_ssize_t after = p + (Py_ssize_t)strlen(endings[i]);
                    mine[2] += mark_spells(c, n, p, endings[i]) && (after >= n || !mark_has(k, n, after, word));
                }
            }
            if (k[p] & separator) {
                int before = mark_has(k, n, p - 1, space) && mark_code(c, n, p - 1) != 10;
                int after = mark_has(k, n, p + 1, space) && mark_code(c, n, p + 1) != 10;
                mine[3] += (before && after) || ((k[p] & strong) && (before || after));
            }
        }
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&starts);
    PyBuffer_Release(&cls);
    PyBuffer_Release(&codes);
    if (!ok) return NULL;
    Py_RETURN_NONE;
fail_starts:
    PyBuffer_Release(&starts);
fail_cls:
    PyBuffer_Release(&cls);
fail_codes:
    PyBuffer_Release(&codes);
    return NULL;
}

/* A table of words by their code points (word_add, word_find): the words' code points end to end (text,
 * uint32), where each word starts in it (offsets, intp: a word's end is the next one's start) and an
 * open-addressing hash table (slots: uint64, a power of two of them, zero = empty) whose slot holds the upper
 * half of a word's hash and its entry + 1. A word starts at its hash's low bits and probes on; a match of
 * the upper half is checked against the word's code points, so the table answers exactly what a dict of the
 * words (Python strings) answers. */
static uint64_t word_hash(const uint32_t *c, Py_ssize_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;  /* FNV-1a over the code points, then mixed */
    for (Py_ssize_t i = 0; i < n; i++) {
        h = (h ^ c[i]) * 0x100000001b3ULL;
    }
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 29);
}

/* Whether entry e's offsets lie within the text of `chars` code points (a bad table is never read outside). */
static int word_inside(const Py_ssize_t *offsets, Py_ssize_t e, Py_ssize_t chars) {
    return offsets[e] >= 0 && offsets[e] <= offsets[e + 1] && offsets[e + 1] <= chars;
}

/* The entry of word c[0..n) (hash h) in the table, or -1; *at is the slot where it is or would go. */
static Py_ssize_t word_entry(const uint64_t *slots, uint64_t mask, const uint32_t *text, const Py_ssize_t *offsets,
                             Py_ssize_t entries, Py_ssize_t chars, const uint32_t *c, Py_ssize_t n, uint64_t h,
                             uint64_t *at) {
    uint32_t print = (uint32_t)(h >> 32);
    uint64_t i = h & mask;
    for (uint64_t probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
        uint64_t slot = slots[i];
        if (slot == 0) {
            break;
        }
        if ((uint32_t)(slot >> 32) == print) {
            Py_ssize_t e = (Py_ssize_t)(uint32_t)slot - 1;
            if (e < entries && word_inside(offsets, e, chars) && offsets[e + 1] - offsets[e] == n
                && memcmp(text + offsets[e], c, (size_t)n * sizeof(uint32_t)) == 0) {
                *at = i;
                return e;
            }
        }
    }
    *at = i;
    return -1;
}

/* The word table's buffers (see word_entry), checked: 0 on success, with the number of entries. */
static int word_buffers(PyObject *oslots, PyObject *otext, PyObject *ooffsets, Py_buffer *slots, Py_buffer *text,
                        Py_buffer *offsets, int writable, uint64_t *mask, Py_ssize_t *entries, Py_ssize_t *chars) {
    if (get(oslots, slots, sizeof(uint64_t), writable, "slots") < 0) return -1;
    if (get(otext, text, sizeof(uint32_t), 0, "text") < 0) {
        PyBuffer_Release(slots);
        return -1;
    }
    if (get(ooffsets, offsets, sizeof(Py_ssize_t), 0, "offsets") < 0) {
        PyBuffer_Release(text);
        PyBuffer_Release(slots);
        return -1;
    }
    *mask = table_mask(slots);
    *entries = offsets->len / (Py_ssize_t)sizeof(Py_ssize_t) - 1;
    *chars = text->len / (Py_ssize_t)sizeof(uint32_t);
    if (*mask == 0 || *entries < 0 || (uint64_t)*entries >= *mask || *entries >= UINT32_MAX) {
        if (*mask) {
            PyErr_SetString(PyExc_ValueError, "word table: offsets, text and slots do not agree");
        }
        PyBuffer_Release(offsets);
        PyBuffer_Release(text);
        PyBuffer_Release(slots);
        return -1;
    }
    return 0;
}

/* word_add(slots, text, offsets, first): enter words first.. (the last entry is the offsets' last but one)
 * into the slots; a word already there keeps its first entry. The slots must outnumber the entries. */
static PyObject *word_add(PyObject *self, PyObject *args) {
    PyObject *oslots, *otext, *ooffsets;
    Py_ssize_t first;
    if (!PyArg_ParseTuple(args, "OOOn", &oslots, &otext, &ooffsets, &first)) {
        return NULL;
    }
    Py_buffer slots, text, offsets;
    uint64_t mask;
    Py_ssize_t entries, chars;
    if (word_buffers(oslots, otext, ooffsets, &slots, &text, &offsets, 1, &mask, &entries, &chars) < 0) return NULL;
    const uint32_t *t = text.buf;
    const Py_ssize_t *off = offsets.buf;
    uint64_t *s = slots.buf;
    int bad = 0;
    for (Py_ssize_t e = first < 0 ? 0 : first; e < entries && !bad; e++) {
        bad = !word_inside(off, e, chars);
        if (bad) break;
        uint64_t at, h = word_hash(t + off[e], off[e + 1] - off[e]);
        if (word_entry(s, mask, t, off, e, chars, t + off[e], off[e + 1] - off[e], h, &at) < 0) {
            bad = s[at] != 0;  /* (no empty slot left: the slots must outnumber the entries) */
            if (bad) break;
            s[at] = ((uint64_t)(uint32_t)(h >> 32) << 32) | (uint64_t)(e + 1);
        }
    }
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&text);
    PyBuffer_Release(&slots);
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "word_add: an entry's offsets lie outside the text, or no slot is left");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* word_find(codes, slots, text, offsets, ids, spans): the words of codes (uint32: runs of anything but spaces
 * and line breaks, as str.split() reads a text whose only white space they are), each looked up in the word
 * table: ids[k] (intp) is the k-th word's entry or -1, spans[2k], spans[2k + 1] (intp) where it starts and
 * ends in codes. ids and spans have room for a word per code point; returns the number of words. */
static PyObject *word_find(PyObject *self, PyObject *args) {
    PyObject *ocodes, *oslots, *otext, *ooffsets, *oids, *ospans;
    if (!PyArg_ParseTuple(args, "OOOOOO", &ocodes, &oslots, &otext, &ooffsets, &oids, &ospans)) {
        return NULL;
    }
    Py_buffer codes, slots, text, offsets, ids, spans;
    uint64_t mask;
    Py_ssize_t entries, chars, words = -1;
    if (get(ocodes, &codes, sizeof(uint32_t), 0, "codes") < 0) return NULL;
    if (word_buffers(oslots, otext, ooffsets, &slots, &text, &offsets, 0, &mask, &entries, &chars) < 0) goto fail_codes;
    if (get(oids, &ids, sizeof(Py_ssize_t), 1, "ids") < 0) goto fail_table;
    if (get(ospans, &spans, sizeof(Py_ssize_t), 1, "spans") < 0) goto fail_ids;
    Py_ssize_t n = codes.len / (Py_ssize_t)sizeof(uint32_t);
    if (ids.len / (Py_ssize_t)sizeof(Py_ssize_t) < n || spans.len / (Py_ssize_t)sizeof(Py_ssize_t) < 2 * n) {
        PyErr_SetString(PyExc_ValueError, "word_find: too little room for the words");
    } else {
        const uint32_t *c = codes.buf, *t = text.buf;
        const Py_ssize_t *off = offsets.buf;
        Py_ssize_t *id = ids.buf, *span = spans.buf;
        words = 0;
        for (Py_ssize_t p = 0; p < n;) {
            if (c[p] == ' ' || c[p] == '\n') {
                p++;
                continue;
            }
            Py_ssize_t start = p;
            while (p < n && c[p] != ' ' && c[p] != '\n') {
                p++;
            }
            uint64_t at;
            id[words] = word_entry(slots.buf, mask, t, off, entries, chars, c + start, p - start,
                                   word_hash(c + start, p - start), &at);
            span[2 * words] = start;
            span[2 * words + 1] = p;
            words++;
        }
    }
    PyBuffer_Release(&spans);
fail_ids:
    PyBuffer_Release(&ids);
fail_table:
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&text);
    PyBuffer_Release(&slots);
fail_codes:
    PyBuffer_Release(&codes);
    return words < 0 ? NULL : PyLong_FromSsize_t(words);
}

/* rows(own, width, doc, first, count, offsets, window, out): the model rows of lines first..first+count-1 of a
 * document (features.Rows.at of a run of lines). own: the n lines' own columns (float32, n x width); doc: their
 * document columns, a column at a time (float32, d x n); offsets: the neighbours whose own columns a row holds
 * (int64). Each row of out (float32, count x at least width x (offsets + 2) + d) gets the line's own columns,
 * each neighbour's (-1 past either end), the means of the lines within `window` of it, its document columns and
 * zeros after them. A mean is numpy's: the difference of two float32 running sums from the first line, divided
 * in float64 by how many lines it spans, rounded to float32. */
static PyObject *rows(PyObject *self, PyObject *args) {
    PyObject *oown, *odoc, *ooffsets, *oout;
    Py_ssize_t w, first, count, window;
    if (!PyArg_ParseTuple(args, "OnOnnOnO", &oown, &w, &odoc, &first, &count, &ooffsets, &window, &oout)) {
        return NULL;
    }
    Py_buffer own, doc, offsets, out;
    if (get(oown, &own, sizeof(float), 0, "own") < 0) return NULL;
    if (get(odoc, &doc, sizeof(float), 0, "doc") < 0) goto fail_own;
    if (get(ooffsets, &offsets, sizeof(int64_t), 0, "offsets") < 0) goto fail_doc;
    if (get(oout, &out, sizeof(float), 1, "out") < 0) goto fail_offsets;
    Py_ssize_t n = w > 0 ? own.len / (Py_ssize_t)sizeof(float) / w : 0;
    Py_ssize_t d = n > 0 ? doc.len / (Py_ssize_t)sizeof(float) / n : 0;
    Py_ssize_t k = offsets.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t row = count > 0 ? out.len / (Py_ssize_t)sizeof(float) / count : 0;
    Py_ssize_t filled = w * (k + 2) + d;
    if (w <= 0 || n * w * (Py_ssize_t)sizeof(float) != own.len || d * n * (Py_ssize_t)sizeof(float) != doc.len
        || first < 0 || count < 0 || first + count > n || window < 0
        || (count > 0 && (row * count * (Py_ssize_t)sizeof(float) != out.len || row < filled))
        || (count == 0 && out.len != 0)) {
        PyErr_SetString(PyExc_ValueError, "rows: array sizes do not agree");
        goto fail_out;
    }
    if (count == 0) goto done;
    const float *o = own.buf, *dc = doc.buf;
    const int64_t *off = offsets.buf;
    float *dst = out.buf;
    /* Running sums of the own columns over lines 0..top-1 (sums[j] holds lines before j), in float32 as numpy's. */
    Py_ssize_t top = first + count + window < n ? first + count + window : n;
    float *sums = PyMem_Malloc((size_t)(top + 1) * (size_t)w * sizeof(float));
    if (sums == NULL) {
        PyErr_NoMemory();
        goto fail_out;
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t c = 0; c < w; c++) sums[c] = 0.0f;
    for (Py_ssize_t j = 1; j <= top; j++) {
        for (Py_ssize_t c = 0; c < w; c++) sums[j * w + c] = sums[(j - 1) * w + c] + o[(j - 1) * w + c];
    }
    for (Py_ssize_t r = 0; r < count; r++) {
        Py_ssize_t i = first + r;
        float *at = dst + r * row;
        memcpy(at, o + i * w, (size_t)w * sizeof(float));
        for (Py_ssize_t m = 0; m < k; m++) {
            float *cell = at + (m + 1) * w;
            Py_ssize_t j = i + (Py_ssize_t)off[m];
            if (j >= 0 && j < n) {
                memcpy(cell, o + j * w, (size_t)w * sizeof(float));
            } else {
                for (Py_ssize_t c = 0; c < w; c++) cell[c] = -1.0f;
            }
        }
        Py_ssize_t lo = i - window > 0 ? i - window : 0, hi = i + window + 1 < n ? i + window + 1 : n;
        double lines = (double)(hi - lo > 1 ? hi - lo : 1);
        float *mean = at + (k + 1) * w;
        for (Py_ssize_t c = 0; c < w; c++) {
            float span = sums[hi * w + c] - sums[lo * w + c];
            mean[c] = (float)((double)span / lines);
        }
        float *rest = at + (k + 2) * w;
        for (Py_ssize_t c = 0; c < d; c++) rest[c] = dc[c * n + i];
        for (Py_ssize_t c = filled; c < row; c++) at[c] = 0.0f;
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(sums);
done:
    PyBuffer_Release(&out);
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&doc);
    PyBuffer_Release(&own);
    Py_RETURN_NONE;
fail_out:
    PyBuffer_Release(&out);
fail_offsets:
    PyBuffer_Release(&offsets);
fail_doc:
    PyBuffer_Release(&doc);
fail_own:
    PyBuffer_Release(&own);
    return NULL;
}

/* doc_columns(prose, words, logs, log_lines, out): where each of a document's n lines sits in it (features.py's
 * DOC_FEATURES, float32, a column at a time: out is 8 x n): its place (i / n), log1p of the lines above and below
 * it (read from logs: float64, log1p(k) for k = 0..n), log_lines (log1p(n)), the share of prose lines, the share
 * of the document's words above it, and log1p of the distance to the nearest prose line above and below (n when
 * there is none). prose: uint8 per line; words: float64 per line, whole numbers (their sums are exact). */
static PyObject *doc_columns(PyObject *self, PyObject *args) {
    PyObject *oprose, *owords, *ologs, *oout;
    double log_lines;
    if (!PyArg_ParseTuple(args, "OOOdO", &oprose, &owords, &ologs, &log_lines, &oout)) return NULL;
    Py_buffer prose, words, logs, out;
    if (get(oprose, &prose, sizeof(uint8_t), 0, "prose") < 0) return NULL;
    if (get(owords, &words, sizeof(double), 0, "words") < 0) goto fail_prose;
    if (get(ologs, &logs, sizeof(double), 0, "logs") < 0) goto fail_words;
    if (get(oout, &out, sizeof(float), 1, "out") < 0) goto fail_logs;
    Py_ssize_t n = prose.len;
    if (words.len != n * (Py_ssize_t)sizeof(double) || logs.len != (n + 1) * (Py_ssize_t)sizeof(double)
        || out.len != 8 * n * (Py_ssize_t)sizeof(float)) {
        PyErr_SetString(PyExc_ValueError, "doc_columns: array sizes do not agree");
        PyBuffer_Release(&out);
        goto fail_logs;
    }
    const uint8_t *p = prose.buf;
    const double *w = words.buf, *lg = logs.buf;
    float *o = out.buf;
    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t proses = 0;
    double total = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        proses += p[i] != 0;
        total += w[i];
    }
    double share = n ? (double)proses / (double)n : 0.0, all = total > 1.0 ? total : 1.0, seen = 0.0;
    Py_ssize_t above = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        o[i] = (float)((double)i / (double)n);
        o[n + i] = (float)lg[i];
        o[2 * n + i] = (float)lg[n - 1 - i];
        o[3 * n + i] = (float)log_lines;
        o[4 * n + i] = (float)share;
        o[5 * n + i] = (float)(seen / all);
        o[6 * n + i] = (float)lg[above >= 0 ? i - above : n];
        seen += w[i];
        if (p[i]) above = i;
    }
    Py_ssize_t below = n;
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        o[7 * n + i] = (float)lg[below < n ? below - i : n];
        if (p[i]) below = i;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&out);
    PyBuffer_Release(&logs);
    PyBuffer_Release(&words);
    PyBuffer_Release(&prose);
    Py_RETURN_NONE;
fail_logs:
    PyBuffer_Release(&logs);
fail_words:
    PyBuffer_Release(&words);
fail_prose:
    PyBuffer_Release(&prose);
    return NULL;
}

/* normalised(rows, count, out): each design entry's count divided by the L2 norm of its line's counts (rows: int64,
 * each entry's line, below lines; count: int64; out: float32 per entry), as inference.normalised computes it: a
 * line's squares added in entry order in float64, the square root, the division in float64 rounded to float32. */
static PyObject *normalised(PyObject *self, PyObject *args) {
    PyObject *orows, *ocount, *oout;
    Py_ssize_t lines;
    if (!PyArg_ParseTuple(args, "OOnO", &orows, &ocount, &lines, &oout)) return NULL;
    Py_buffer rows, count, out;
    if (get(orows, &rows, sizeof(int64_t), 0, "rows") < 0) return NULL;
    if (get(ocount, &count, sizeof(int64_t), 0, "count") < 0) goto fail_rows;
    if (get(oout, &out, sizeof(float), 1, "out") < 0) goto fail_count;
    Py_ssize_t n = rows.len / (Py_ssize_t)sizeof(int64_t);
    const int64_t *r = rows.buf, *c = count.buf;
    int bad = lines < 0 || count.len != rows.len || out.len != n * (Py_ssize_t)sizeof(float);
    for (Py_ssize_t e = 0; e < n && !bad; e++) bad |= r[e] < 0 || r[e] >= lines;
    double *norm = bad ? NULL : PyMem_Calloc((size_t)lines + 1, sizeof(double));
    if (bad || norm == NULL) {
        if (bad) PyErr_SetString(PyExc_ValueError, "normalised: array sizes or lines do not agree");
        else PyErr_NoMemory();
        PyBuffer_Release(&out);
        goto fail_count;
    }
    float *o = out.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t e = 0; e < n; e++) {
        double v = (double)c[e];
        norm[r[e]] += v * v;
    }
    for (Py_ssize_t k = 0; k < lines; k++) norm[k] = sqrt(norm[k]);
    for (Py_ssize_t e = 0; e < n; e++) o[e] = (float)((double)c[e] / norm[r[e]]);
    Py_END_ALLOW_THREADS
    PyMem_Free(norm);
    PyBuffer_Release(&out);
    PyBuffer_Release(&count);
    PyBuffer_Release(&rows);
    Py_RETURN_NONE;
fail_count:
    PyBuffer_Release(&count);
fail_rows:
    PyBuffer_Release(&rows);
    return NULL;
}

/* score_windows(s, offsets, windows, out): the first columns of features.score_matrix from a document's first-pass
 * scores s (float64, clipped): each line's own, its neighbours' at `offsets` (int64; 0 past either end) and the means
 * of s within each of `windows` (int64) lines of it (float64 running sums from the first line, their difference
 * divided by how many lines), written as float32 into the first 1 + offsets + windows columns of out (n x any). */
static PyObject *score_windows(PyObject *self, PyObject *args) {
    PyObject *os, *ooffsets, *owindows, *oout;
    if (!PyArg_ParseTuple(args, "OOOO", &os, &ooffsets, &owindows, &oout)) return NULL;
    Py_buffer sb, offsets, windows, out;
    if (get(os, &sb, sizeof(double), 0, "s") < 0) return NULL;
    if (get(ooffsets, &offsets, sizeof(int64_t), 0, "offsets") < 0) goto fail_s;
    if (get(owindows, &windows, sizeof(int64_t), 0, "windows") < 0) goto fail_offsets;
    if (get(oout, &out, sizeof(float), 1, "out") < 0) goto fail_windows;
    Py_ssize_t n = sb.len / (Py_ssize_t)sizeof(double), k = offsets.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t m = windows.len / (Py_ssize_t)sizeof(int64_t);
    Py_ssize_t cols = n > 0 ? out.len / (Py_ssize_t)sizeof(float) / n : 0;
    const int64_t *off = offsets.buf, *win = windows.buf;
    int bad = (n > 0 && (cols * n * (Py_ssize_t)sizeof(float) != out.len || cols < 1 + k + m)) || (n == 0 && out.len);
    for (Py_ssize_t j = 0; j < m && !bad; j++) bad |= win[j] < 0;
    double *sums = bad ? NULL : PyMem_Malloc(((size_t)n + 1) * sizeof(double));
    if (bad || sums == NULL) {
        if (bad) PyErr_SetString(PyExc_ValueError, "score_windows: array sizes do not agree");
        else PyErr_NoMemory();
        PyBuffer_Release(&out);
        goto fail_windows;
    }
    const double *v = sb.buf;
    float *o = out.buf;
    Py_BEGIN_ALLOW_THREADS
    sums[0] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) sums[i + 1] = sums[i] + v[i];
    for (Py_ssize_t i = 0; i < n; i++) {
        float *row = o + i * cols;
        row[0] = (float)v[i];
        for (Py_ssize_t j = 0; j < k; j++) {
            Py_ssize_t at = i + (Py_ssize_t)off[j];
            row[1 + j] = at >= 0 && at < n ? (float)v[at] : 0.0f;
        }
        for (Py_ssize_t j = 0; j < m; j++) {
            Py_ssize_t lo = i - (Py_ssize_t)win[j] > 0 ? i - (Py_ssize_t)win[j] : 0;
            Py_ssize_t hi = i + (Py_ssize_t)win[j] + 1 < n ? i + (Py_ssize_t)win[j] + 1 : n;
            row[1 + k + j] = (float)((sums[hi] - sums[lo]) / (double)(hi - lo > 1 ? hi - lo : 1));
        }
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(sums);
    PyBuffer_Release(&out);
    PyBuffer_Release(&windows);
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&sb);
    Py_RETURN_NONE;
fail_windows:
    PyBuffer_Release(&windows);
fail_offsets:
    PyBuffer_Release(&offsets);
fail_s:
    PyBuffer_Release(&sb);
    return NULL;
}

/* best_run(weight, s): features._best_run of the gains weight * min(max(-s, -4), 4) (float64 each): the first and
 * last line of the first contiguous run with the largest sum, (0, -1) when no sum is positive. */
static PyObject *best_run(PyObject *self, PyObject *args) {
    PyObject *oweight, *os;
    if (!PyArg_ParseTuple(args, "OO", &oweight, &os)) return NULL;
    Py_buffer weight, sb;
    if (get(oweight, &weight, sizeof(double), 0, "weight") < 0) return NULL;
    if (get(os, &sb, sizeof(double), 0, "s") < 0) {
        PyBuffer_Release(&weight);
        return NULL;
    }
    if (weight.len != sb.len) {
        PyErr_SetString(PyExc_ValueError, "best_run: array sizes do not agree");
        PyBuffer_Release(&sb);
        PyBuffer_Release(&weight);
        return NULL;
    }
    Py_ssize_t n = sb.len / (Py_ssize_t)sizeof(double), best_start = 0, best_end = -1, run_start = 0;
    const double *w = weight.buf, *v = sb.buf;
    double best = 0.0, run = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        double neg = -v[i];
        double g = w[i] * (neg > -4.0 ? (neg < 4.0 ? neg : 4.0) : -4.0);
        if (run <= 0) {
            run = g;
            run_start = i;
        } else {
            run += g;
        }
        if (run > best) {
            best = run;
            best_start = run_start;
            best_end = i;
        }
    }
    PyBuffer_Release(&sb);
    PyBuffer_Release(&weight);
    return Py_BuildValue("nn", best_start, best_end);
}

/* stop_counts(mask, counts, out): per line (counts: intp, how many of the words of mask each line holds, in order)
 * its words of each stop-word language (bit b of a word's mask: uint8) and then its words of any: out is int32,
 * lines x (languages + 1), languages at most 8. */
static PyObject *stop_counts(PyObject *self, PyObject *args) {
    PyObject *omask, *ocounts, *oout;
    if (!PyArg_ParseTuple(args, "OOO", &omask, &ocounts, &oout)) return NULL;
    Py_buffer mask, counts, out;
    if (get(omask, &mask, sizeof(uint8_t), 0, "mask") < 0) return NULL;
    if (get(ocounts, &counts, sizeof(Py_ssize_t), 0, "counts") < 0) goto fail_mask;
    if (get(oout, &out, sizeof(int32_t), 1, "out") < 0) goto fail_counts;
    Py_ssize_t lines = counts.len / (Py_ssize_t)sizeof(Py_ssize_t), used = 0;
    Py_ssize_t cols = lines > 0 ? out.len / (Py_ssize_t)sizeof(int32_t) / lines : 1;
    const Py_ssize_t *c = counts.buf;
    int bad = cols < 1 || cols > 9 || cols * lines * (Py_ssize_t)sizeof(int32_t) != out.len;
    for (Py_ssize_t i = 0; i < lines && !bad; i++) {
        bad |= c[i] < 0 || c[i] > mask.len - used;
        used += c[i];
    }
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "stop_counts: array sizes do not agree");
        PyBuffer_Release(&out);
        goto fail_counts;
    }
    const uint8_t *m = mask.buf;
    int32_t *o = out.buf;
    Py_ssize_t languages = cols - 1, at = 0;
    for (Py_ssize_t i = 0; i < lines; i++) {
        int32_t *row = o + i * cols;
        for (Py_ssize_t b = 0; b < cols; b++) row[b] = 0;
        for (Py_ssize_t e = at; e < at + c[i]; e++) {
            unsigned int bits = m[e];
            for (Py_ssize_t b = 0; b < languages; b++) row[b] += (bits >> b) & 1u;
            row[languages] += bits != 0;
        }
        at += c[i];
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&counts);
    PyBuffer_Release(&mask);
    Py_RETURN_NONE;
fail_counts:
    PyBuffer_Release(&counts);
fail_mask:
    PyBuffer_Release(&mask);
    return NULL;
}

/* classes(codes, table, out): the class bits of each code point (uint32) read off table (uint8: one entry per code
 * point below its last, whose entry stands for every code point from there up) into out (uint8); returns whether
 * any code point is at or past the last entry (the caller looks those up). */
static PyObject *classes(PyObject *self, PyObject *args) {
    PyObject *ocodes, *otable, *oout;
    if (!PyArg_ParseTuple(args, "OOO", &ocodes, &otable, &oout)) return NULL;
    Py_buffer codes, table, out;
    if (get(ocodes, &codes, sizeof(uint32_t), 0, "codes") < 0) return NULL;
    if (get(otable, &table, sizeof(uint8_t), 0, "table") < 0) goto fail_codes;
    if (get(oout, &out, sizeof(uint8_t), 1, "out") < 0) goto fail_table;
    Py_ssize_t n = codes.len / (Py_ssize_t)sizeof(uint32_t);
    if (table.len < 1 || out.len != n) {
        PyErr_SetString(PyExc_ValueError, "classes: array sizes do not agree");
        PyBuffer_Release(&out);
        goto fail_table;
    }
    const uint32_t *c = codes.buf;
    const uint8_t *t = table.buf;
    uint8_t *o = out.buf;
    uint32_t last = (uint32_t)(table.len - 1);
    int beyond = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint32_t code = c[i];
        beyond |= code >= last;
        o[i] = t[code < last ? code : last];
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&table);
    PyBuffer_Release(&codes);
    return PyBool_FromLong(beyond);
fail_table:
    PyBuffer_Release(&table);
fail_codes:
    PyBuffer_Release(&codes);
    return NULL;
}

static PyMethodDef methods[] = {
    {"leaves", leaves, METH_VARARGS, "The leaf each row reaches in each tree (see cleaner/model/kernels.py)."},
    {"complete", complete, METH_VARARGS, "Leaf values through complete trees (see cleaner/model/kernels.py)."},
    {"lexical", lexical, METH_VARARGS, "Lexical class scores added up in design order (see cleaner/model/kernels.py)."},
    {"table", table, METH_VARARGS, "A lexical vocabulary's hash table (see cleaner/model/kernels.py)."},
    {"lookup", lookup, METH_VARARGS, "Term keys' columns through the hash table (see cleaner/model/kernels.py)."},
    {"counts", counts, METH_VARARGS, "Each line's known terms and their counts (see cleaner/model/kernels.py)."},
    {"line_counts", line_counts, METH_VARARGS, "Per-line counts of character classes (see cleaner/model/kernels.py)."},
    {"fold_words", fold_words, METH_VARARGS, "A document's words as the lexical model reads them (see cleaner/model/kernels.py)."},
    {"line_marks", line_marks, METH_VARARGS, "Per-line years, clock times, addresses and separators (see cleaner/model/kernels.py)."},
    {"word_add", word_add, METH_VARARGS, "Words entered into a word table (see cleaner/model/kernels.py)."},
    {"classes", classes, METH_VARARGS, "Code points' class bits off a table (see cleaner/model/kernels.py)."},
    {"stop_counts", stop_counts, METH_VARARGS, "Each line's stop words by language (see cleaner/model/kernels.py)."},
    {"score_windows", score_windows, METH_VARARGS, "First-pass scores around each line (see cleaner/model/kernels.py)."},
    {"best_run", best_run, METH_VARARGS, "The run of lines with the largest gain (see cleaner/model/kernels.py)."},
    {"normalised", normalised, METH_VARARGS, "Term counts over their line's L2 norm (see cleaner/model/kernels.py)."},
    {"doc_columns", doc_columns, METH_VARARGS, "Where each line sits in its document (see cleaner/model/kernels.py)."},
    {"rows", rows, METH_VARARGS, "A run of lines' model rows (see cleaner/model/kernels.py)."},
    {"word_find", word_find, METH_VARARGS, "A text's words looked up in a word table (see cleaner/model/kernels.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernels", NULL, -1, methods};

PyMODINIT_FUNC PyInit__kernels(void) {
#ifdef HAVE_AVX2
    __builtin_cpu_init();  /* (what __builtin_cpu_supports reads, set before any kernel asks it) */
#endif
    return PyModule_Create(&module);
}
