/* One pass over a text for the privacy scanner: the C form of gongkai/privacy/fastscan.py's `read_py`.
 *
 * The pure-Python reader makes three regex passes (the folding test, the trigger words, the digit-run candidates)
 * and then looks at every candidate and every code window in Python; on a 2 KB document that is most of the scan.
 * This module walks the text once and returns the same marks, so the rules (check digits, context words,
 * findings) stay in Python, in one place. tests/test_privacy_fastscan.py checks that both readers return the same
 * marks on generated texts; the scanner uses this module when it is built and `read_py` otherwise.
 *
 * configure(words, kinds, uscc, folding) sets the trigger words (in gate order) and the characters that make a
 * text need folding. read(text, check_folding) returns None when the text needs folding (and check_folding is
 * true), else (gate, runs, codes, has_at):
 *   gate  = [word index, end, ...]          GATE.finditer: leftmost, first listed word of a first character wins
 *   runs  = [start, end, digits_start, ...] common.run_marks: digits_start -1 means "NUMBER_RUN decides here"
 *   codes = [start, end, ...]               uscc.PATTERN.finditer(text, e, e + 40) after each USCC word's end e
 *   has_at: whether "@" occurs
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define F_FOLD 1
#define F_DIGIT 2
#define F_AT 4
#define F_GATE 8

enum { KIND_LITERAL = 0, KIND_SPACED = 1, KIND_PLATE = 2 };

typedef struct {
    Py_UCS4 *chars;     /* the whole word (first character included); for KIND_PLATE only the province */
    Py_ssize_t length;
    int kind;
    int uscc;           /* a USCC trigger: code windows follow its end */
    int index;          /* position in the configured list */
} Word;

static uint8_t flags[65536];
static uint16_t group_of[65536];      /* first character -> 1 + group number, 0 if none */
static Word *words = NULL;
static Py_ssize_t n_words = 0;
static Py_ssize_t *group_start = NULL, *group_len = NULL, *group_order = NULL;   /* word indices per group */
static Py_ssize_t n_groups = 0;
static int configured = 0;

static void free_config(void) {
    for (Py_ssize_t i = 0; i < n_words; i++) PyMem_Free(words[i].chars);
    PyMem_Free(words); PyMem_Free(group_start); PyMem_Free(group_len); PyMem_Free(group_order);
    words = NULL; group_start = group_len = group_order = NULL; n_words = n_groups = 0;
    memset(flags, 0, sizeof flags); memset(group_of, 0, sizeof group_of);
    configured = 0;
}

static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *word_list, *kind_list, *uscc_list, *folding;
    if (!PyArg_ParseTuple(args, "O!O!O!U", &PyList_Type, &word_list, &PyList_Type, &kind_list, &PyList_Type,
                          &uscc_list, &folding))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(word_list);
    if (PyList_GET_SIZE(kind_list) != n || PyList_GET_SIZE(uscc_list) != n) {
        PyErr_SetString(PyExc_ValueError, "words, kinds and uscc differ in length");
        return NULL;
    }
    free_config();
    words = PyMem_Calloc(n ? n : 1, sizeof(Word));
    group_start = PyMem_Calloc(n ? n : 1, sizeof(Py_ssize_t));
    group_len = PyMem_Calloc(n ? n : 1, sizeof(Py_ssize_t));
    group_order = PyMem_Calloc(n ? n : 1, sizeof(Py_ssize_t));
    if (!words || !group_start || !group_len || !group_order) { free_config(); return PyErr_NoMemory(); }
    Py_ssize_t fold_len = PyUnicode_GET_LENGTH(folding);
    for (Py_ssize_t i = 0; i < fold_len; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(folding, i);
        if (c < 65536) flags[c] |= F_FOLD;
    }
    for (Py_UCS4 c = '0'; c <= '9'; c++) flags[c] |= F_DIGIT;
    flags['@'] |= F_AT;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PyList_GET_ITEM(word_list, i);
        if (!PyUnicode_Check(w) || PyUnicode_GET_LENGTH(w) < 1) {
            free_config(); PyErr_SetString(PyExc_ValueError, "a word must be a non-empty str"); return NULL;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(w);
        words[i].chars = PyUnicode_AsUCS4Copy(w);
        if (!words[i].chars) { n_words = i; free_config(); return NULL; }
        n_words = i + 1;
        words[i].length = len;
        long word_kind = PyLong_AsLong(PyList_GET_ITEM(kind_list, i));
        int is_uscc = PyObject_IsTrue(PyList_GET_ITEM(uscc_list, i));
        if ((word_kind == -1 && PyErr_Occurred()) || is_uscc < 0) { free_config(); return NULL; }
        if (word_kind != KIND_LITERAL && word_kind != KIND_SPACED && word_kind != KIND_PLATE) {
            free_config(); PyErr_SetString(PyExc_ValueError, "unknown kind of word"); return NULL;
        }
        words[i].kind = (int)word_kind;
        words[i].uscc = is_uscc;
        words[i].index = (int)i;
        Py_UCS4 first = words[i].chars[0];
        if (first >= 65536 || (flags[first] & (F_FOLD | F_DIGIT | F_AT))) {
            free_config();
            PyErr_SetString(PyExc_ValueError, "a word may not start with a digit, @ or a folding character");
            return NULL;
        }
        for (Py_ssize_t k = 1; k < len; k++) {
            if (words[i].chars[k] < 65536 && (flags[words[i].chars[k]] & F_FOLD)) {
                free_config(); PyErr_SetString(PyExc_ValueError, "a word may not contain a folding character");
                return NULL;
            }
        }
        if (!group_of[first]) { group_of[first] = (uint16_t)(++n_groups); flags[first] |= F_GATE; }
        group_len[group_of[first] - 1]++;
    }
    /* words of each group in list order */
    Py_ssize_t at = 0;
    for (Py_ssize_t g = 0; g < n_groups; g++) { group_start[g] = at; at += group_len[g]; group_len[g] = 0; }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t g = group_of[words[i].chars[0]] - 1;
        group_order[group_start[g] + group_len[g]++] = i;
    }
    configured = 1;
    Py_RETURN_NONE;
}

#define READ(i) PyUnicode_READ(kind, data, (i))
#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_ALNUM(c) (IS_DIGIT(c) || ((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z'))
#define IS_SEP(c) ((c) == ' ' || (c) == 0xA0 || (c) == '-')
#define IS_RUN(c) (IS_DIGIT(c) || IS_SEP(c))                        /* CANDIDATE's middle class */
#define IS_END(c) (IS_DIGIT(c) || (c) == 'X' || (c) == 'x')         /* CANDIDATE's last class */
#define IS_PLATE_LETTER(c) ((c) >= 'A' && (c) <= 'Z' && (c) != 'I' && (c) != 'O')
/* uscc.PATTERN's class [0-9A-HJ-NPQRTUWXY] */
#define IS_CODE(c) (IS_DIGIT(c) || ((c) >= 'A' && (c) <= 'H') || ((c) >= 'J' && (c) <= 'N') || (c) == 'P' || \
                    (c) == 'Q' || (c) == 'R' || (c) == 'T' || (c) == 'U' || (c) == 'W' || (c) == 'X' || (c) == 'Y')

static int append3(PyObject *list, Py_ssize_t a, Py_ssize_t b, Py_ssize_t c, int three) {
    Py_ssize_t v[3] = {a, b, c};
    for (int i = 0; i < (three ? 3 : 2); i++) {
        PyObject *o = PyLong_FromSsize_t(v[i]);
        if (!o) return -1;
        int r = PyList_Append(list, o);
        Py_DECREF(o);
        if (r < 0) return -1;
    }
    return 0;
}

/* common.run_marks for one CANDIDATE match [s, e): 0 = nothing, 1 = a final run (start, e, s), 2 = NUMBER_RUN */
static int classify_run(int kind, const void *data, Py_ssize_t size, Py_ssize_t s, Py_ssize_t e, Py_ssize_t *start) {
    Py_ssize_t len = e - s;
    Py_UCS4 first = READ(s), last = READ(e - 1);
    if (first != '1' && len <= 12) return 0;          /* amounts, landlines */
    Py_ssize_t separators = 0, digits = 0;
    int double_sep = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = READ(i);
        if (IS_DIGIT(c)) digits++;
        else if (IS_SEP(c)) { separators++; if (i > s && IS_SEP(READ(i - 1))) double_sep = 1; }
    }
    Py_ssize_t count = len - separators;               /* digits and a final X */
    int plain = digits == len;
    int wanted = count == 11 || count == 13 || (count >= 15 && count <= 19);
    int after_alnum = e < size && IS_ALNUM(READ(e));
    if (plain) {
        if (!wanted || (count == 11 && first != '1')) return 0;
        if (!after_alnum) {
            Py_ssize_t st = (s > 0 && READ(s - 1) == '+') ? s - 1 : s;
            if (st == 0 || !IS_ALNUM(READ(st - 1))) { *start = st; return 1; }
            return 0;
        }
        Py_UCS4 next = READ(e);
        return IS_END(next) ? 2 : 0;
    }
    if (count < 11) return 0;
    if ((!wanted || (count == 11 && first != '1')) && (separators < 2 || !double_sep)) return 0;
    int x_last = last == 'X' || last == 'x';
    int core_digits = separators == 0 && digits == len - (x_last ? 1 : 0);
    if (core_digits) {
        if (!after_alnum) {
            if (len - (x_last ? 1 : 0) <= 23) {
                Py_ssize_t st = (s > 0 && READ(s - 1) == '+') ? s - 1 : s;
                if (st == 0 || !IS_ALNUM(READ(st - 1))) { *start = st; return 1; }
            }
            return 0;
        }
        Py_UCS4 next = READ(e);
        if (!IS_END(next)) return 0;
    }
    return 2;
}

static PyObject *read_text(PyObject *self, PyObject *args) {
    PyObject *text;
    int check_folding = 1;
    if (!PyArg_ParseTuple(args, "U|p", &text, &check_folding)) return NULL;
    if (!configured) { PyErr_SetString(PyExc_RuntimeError, "configure() first"); return NULL; }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) return NULL;   /* legacy strings (gone in 3.12) */
#endif
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    uint8_t fold_mask = check_folding ? F_FOLD : 0;
    PyObject *gate = PyList_New(0), *runs = PyList_New(0), *codes = PyList_New(0);
    Py_ssize_t *uscc_ends = NULL, n_uscc = 0, cap_uscc = 0;
    int has_at = 0;
    if (!gate || !runs || !codes) goto error;
    Py_ssize_t p = 0;
    while (p < n) {
        Py_UCS4 ch = READ(p);
        uint8_t f = ch < 65536 ? flags[ch] : 0;
        if (!f) { p++; continue; }
        if (f & fold_mask) goto needs_folding;
        if (f & F_AT) { has_at = 1; p++; continue; }
        if (f & F_DIGIT) {
            /* CANDIDATE = [0-9][0-9 \u00a0\-]{9,44}[0-9Xx], greedy, at p */
            Py_ssize_t run = 0;                            /* middle-class characters after p, up to 45 */
            while (run < 45 && p + 1 + run < n && IS_RUN(READ(p + 1 + run))) run++;
            if (run < 9) { p += 1 + run; continue; }       /* no match here nor inside this run */
            Py_ssize_t top = run < 44 ? run : 44, j, e = -1;
            for (j = top; j >= 9; j--) {
                Py_ssize_t q = p + 1 + j;
                if (q < n && IS_END(READ(q))) { e = q + 1; break; }
            }
            if (e < 0) { p++; continue; }
            Py_ssize_t start = p;
            int verdict = classify_run(kind, data, n, p, e, &start);
            if (verdict == 1 && append3(runs, start, e, p, 1) < 0) goto error;
            if (verdict == 2 && append3(runs, p, e, -1, 1) < 0) goto error;
            p = e;
            continue;
        }
        if (f & F_GATE) {
            Py_ssize_t g = group_of[ch] - 1, matched_end = -1;
            int matched = -1;
            for (Py_ssize_t k = 0; k < group_len[g] && matched < 0; k++) {
                Word *w = &words[group_order[group_start[g] + k]];
                if (w->kind == KIND_PLATE) {
                    if (p + 1 < n && IS_PLATE_LETTER(READ(p + 1))) { matched = w->index; matched_end = p + 2; }
                    continue;
                }
                Py_ssize_t q = p + 1;
                if (w->kind == KIND_SPACED) {
                    while (q < n && Py_UNICODE_ISSPACE(READ(q))) q++;
                }
                if (q + w->length - 1 > n) continue;
                Py_ssize_t i;
                for (i = 1; i < w->length; i++) if (READ(q + i - 1) != w->chars[i]) break;
                if (i == w->length) { matched = w->index; matched_end = q + w->length - 1; }
            }
            if (matched < 0) { p++; continue; }
            for (Py_ssize_t i = p + 1; i < matched_end; i++) {      /* spaces inside 姓 名 may need folding */
                Py_UCS4 c = READ(i);
                if (c < 65536 && (flags[c] & fold_mask)) goto needs_folding;
            }
            if (append3(gate, matched, matched_end, 0, 0) < 0) goto error;
            if (words[matched].uscc) {
                if (n_uscc == cap_uscc) {
                    cap_uscc = cap_uscc ? 2 * cap_uscc : 16;
                    Py_ssize_t *grown = PyMem_Realloc(uscc_ends, cap_uscc * sizeof(Py_ssize_t));
                    if (!grown) { PyErr_NoMemory(); goto error; }
                    uscc_ends = grown;
                }
                uscc_ends[n_uscc++] = matched_end;
            }
            p = matched_end;
            continue;
        }
        p++;
    }
    /* codes after each USCC word: PATTERN.finditer(text, end, end + 40); the window's end hides what follows */
    for (Py_ssize_t u = 0; u < n_uscc; u++) {
        Py_ssize_t q = uscc_ends[u], limit = uscc_ends[u] + 40 < n ? uscc_ends[u] + 40 : n;
        while (q + 18 <= limit) {
            int ok = IS_CODE(READ(q)) && (q == 0 || !IS_ALNUM(READ(q - 1))) && IS_CODE(READ(q + 1));
            for (Py_ssize_t i = 2; ok && i < 8; i++) ok = IS_DIGIT(READ(q + i));
            for (Py_ssize_t i = 8; ok && i < 18; i++) ok = IS_CODE(READ(q + i));
            if (ok && q + 18 < limit && IS_ALNUM(READ(q + 18))) ok = 0;
            if (ok) {
                if (append3(codes, q, q + 18, 0, 0) < 0) goto error;
                q += 18;
            } else {
                q++;
            }
        }
    }
    PyMem_Free(uscc_ends);
    return Py_BuildValue("(NNNO)", gate, runs, codes, has_at ? Py_True : Py_False);
needs_folding:
    PyMem_Free(uscc_ends);
    Py_DECREF(gate); Py_DECREF(runs); Py_DECREF(codes);
    Py_RETURN_NONE;
error:
    PyMem_Free(uscc_ends);
    Py_XDECREF(gate); Py_XDECREF(runs); Py_XDECREF(codes);
    return NULL;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS, "configure(words, kinds, uscc, folding): the trigger words and folding characters"},
    {"read", read_text, METH_VARARGS, "read(text, check_folding=True) -> None | (gate, runs, codes, has_at)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fastscan", "The privacy scanner's one pass in C.", -1,
                                    methods};

PyMODINIT_FUNC PyInit__fastscan(void) { return PyModule_Create(&module); }
