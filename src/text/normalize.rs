//! Normalisation for matching: full-width forms → half-width, traditional → simplified
//! characters, ASCII lowercase, and invisible characters dropped (zero-width spaces and
//! joiners, word joiner, soft hyphen, BOM) and a run of spaces read as one space, so that
//! `Deep\u{200b}Seek` or "AI  PC" cannot hide from the alias list. Only a copy is normalised; [`Normalized`] keeps a sparse
//! offset map back to the original text (an anchor wherever a character changes its UTF-8
//! length, e.g. full-width "Ａ" → "a"), so sentences are reported in their original wording.
//!
//! Traditional → simplified uses the MIT-licensed `fast2s` table (character for character,
//! with a few context rules), so its character count never changes; a dropped character
//! is an anchor whose normalised length is zero.
//!
//! Reposted filings on some mirror sites carry a pinyin reading in brackets after a
//! character ("業(yè)務(wù)", "關（guān）注"): a bracketed run of Latin letters with at least one
//! tone mark right after a Chinese character is dropped like an invisible character, so the
//! word is whole again ("业务") while the original keeps it. A bracket without a tone mark
//! ("(AI)", "（CPO）") stays.

use std::ops::Range;

/// A normalised copy of a text with an offset map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// (normalised offset, original offset, dropped) after every character whose UTF-8
    /// length changed (`dropped`: to zero); between anchors the two texts advance byte
    /// for byte.
    anchors: Vec<(usize, usize, bool)>,
}

impl Normalized {
    /// The original byte range of the normalised byte range `r` (on char boundaries).
    /// A range starts before and ends after the dropped characters at its edges, so the
    /// whole normalised text maps to the whole original.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        self.original_offset(r.start, true)..self.original_offset(r.end, false)
    }

    fn original_offset(&self, n: usize, start: bool) -> usize {
        let mut i = self.anchors.partition_point(|&(a, _, _)| a <= n);
        if start {
            // Dropped characters right at `n` lie after the start.
            while i > 0 && self.anchors[i - 1].0 == n && self.anchors[i - 1].2 {
                i -= 1;
            }
        }
        let (a, o) = if i == 0 {
            (0, 0)
        } else {
            let (a, o, _) = self.anchors[i - 1];
            (a, o)
        };
        o + (n - a)
    }
}

/// Characters that show as nothing and are dropped before matching.
#[inline]
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Maps one character to its half-width, lowercase form (before the t2s table).
#[inline]
fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => {
            let h = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            h.to_ascii_lowercase()
        }
        _ => c.to_ascii_lowercase(),
    }
}

/// Whether `c` is a vowel with a pinyin tone mark (or ü).
#[inline]
fn toned(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ü'
    )
}

/// Byte ranges of bracketed pinyin readings right after a Chinese character
/// ("業(yè)務" → the "(yè)"), dropped before matching.
fn pinyin_readings(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut prev_cjk = false;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if prev_cjk && (c == '(' || c == '（') {
            let rest = &s[i + c.len_utf8()..];
            let body = rest
                .char_indices()
                .find(|&(_, d)| !(d.is_ascii_alphabetic() || toned(d)))
                .map_or(rest.len(), |(j, _)| j);
            let close = rest[body..].chars().next();
            if body > 0
                && body <= 24
                && matches!(close, Some(')' | '）'))
                && rest[..body].chars().any(toned)
            {
                let end = i + c.len_utf8() + body + close.map_or(0, char::len_utf8);
                out.push(i..end);
                while it.peek().is_some_and(|&(j, _)| j < end) {
                    it.next();
                }
                // The character before the reading still counts as the neighbour.
                continue;
            }
        }
        prev_cjk = ('\u{3400}'..='\u{9fff}').contains(&c);
    }
    out
}

/// Normalises `s` for matching and keeps the offset map.
pub fn normalize(s: &str) -> Normalized {
    normalize_dropping(s, Vec::new())
}

/// Like [`normalize`], and a text hard-wrapped inside its sentences (an announcement copied
/// from a web page or a PDF viewer: "…公司注意到下属子公司的无人机应用业务引发了大\n量关注")
/// is read as one line there: a line break (with the spaces around it) is dropped when the
/// line before is a full line (at least four fifths of the longest, and 12 Chinese
/// characters or more, a half-width letter or digit counting half) that ends inside a
/// sentence, and the next line goes on with a Chinese character (or, after a letter or a
/// digit, with the rest of a word or a number cut by the wrap: "DeepSee" / "k").
/// The original keeps its breaks, so sentences are still quoted as written.
pub fn normalize_wrapped(s: &str) -> Normalized {
    normalize_dropping(s, wraps(s))
}

/// Byte ranges of the line breaks inside sentences of a hard-wrapped text (see
/// [`normalize_wrapped`]).
fn wraps(s: &str) -> Vec<Range<usize>> {
    if !s.contains('\n') {
        return Vec::new();
    }
    let cjk = |c: char| ('\u{3400}'..='\u{9fff}').contains(&c);
    let lines: Vec<(usize, &str)> = s
        .split_inclusive('\n')
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l))
        })
        .collect();
    // A PDF viewer wraps lines at a width, and a half-width letter or digit takes half the
    // room of a Chinese character: a line is measured in half-widths, so a full line with
    // "DeepSeek" or a year in it is as full as one of Chinese only.
    let wide = |c: char| !c.is_ascii();
    let len = |l: &str| {
        l.trim()
            .chars()
            .map(|c| if wide(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    let full = lines.iter().map(|(_, l)| len(l)).max().unwrap_or(0) * 4 / 5;
    // A word or a number cut by the wrap ("DeepSee" / "k", "202" / "4年度") continues too.
    let word = |c: char| cjk(c) || c.is_ascii_alphanumeric();
    let mut out = Vec::new();
    for w in lines.windows(2) {
        let ((start, line), (next_start, next)) = (w[0], w[1]);
        let body = line.trim_end();
        let Some(last) = body.chars().next_back() else {
            continue;
        };
        let next_body = next.trim_start_matches([' ', '\t', '\u{3000}']);
        let ends_sentence = "。！？；：!?;:”」』".contains(last);
        let first = next_body.chars().next();
        if len(line) >= full.max(24)
            && !ends_sentence
            && (cjk(last) || "，、,".contains(last) || last.is_ascii_alphanumeric())
            && (first.is_some_and(cjk) || (last.is_ascii_alphanumeric() && first.is_some_and(word)))
        {
            out.push(start + body.len()..next_start + (next.len() - next_body.len()));
        }
    }
    out
}

fn normalize_dropping(s: &str, wrapped: Vec<Range<usize>>) -> Normalized {
    // Mirror sites' pinyin readings: rare, so only a text with a bracket is scanned.
    let mut readings = if s.contains(['(', '（']) {
        pinyin_readings(s)
    } else {
        Vec::new()
    };
    if !wrapped.is_empty() {
        readings.extend(wrapped);
        readings.sort_by_key(|r| r.start);
    }
    let in_reading = |i: usize| {
        !readings.is_empty() && {
            let k = readings.partition_point(|r| r.end <= i);
            readings.get(k).is_some_and(|r| r.start <= i)
        }
    };
    // A run of spaces reads as one space ("AI  PC" is "AI PC"): every space after the
    // first of a run is dropped. Only a text with two spaces in a row is scanned.
    let extra_spaces: Vec<usize> = if s.contains("  ") || s.contains(['\t', '\u{3000}']) {
        let mut prev_space = false;
        s.char_indices()
            .filter_map(|(i, c)| {
                let space = matches!(c, ' ' | '\t' | '\u{3000}');
                let extra = space && prev_space;
                prev_space = space;
                extra.then_some(i)
            })
            .collect()
    } else {
        Vec::new()
    };
    let dropped =
        |i: usize, c: char| invisible(c) || in_reading(i) || extra_spaces.binary_search(&i).is_ok();
    let folded: String = s
        .char_indices()
        .filter(|&(i, c)| !dropped(i, c))
        .map(|(_, c)| fold_char(c))
        .collect();
    let simplified = if folded.bytes().any(|b| b >= 0xE0) {
        fast2s::convert(&folded)
    } else {
        folded
    };
    let mut anchors = Vec::new();
    let (mut nb, mut ob) = (0, 0);
    let mut out = simplified.chars();
    for (i, o) in s.char_indices() {
        ob += o.len_utf8();
        if dropped(i, o) {
            anchors.push((nb, ob, true));
            continue;
        }
        let Some(c) = out.next() else { break };
        nb += c.len_utf8();
        if c.len_utf8() != o.len_utf8() {
            anchors.push((nb, ob, false));
        }
    }
    Normalized {
        text: simplified,
        anchors,
    }
}

/// Normalises a lexicon or theme term (same rules as [`normalize`], trimmed).
pub fn normalize_term(s: &str) -> String {
    normalize(s.trim()).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (input, want) in [
            ("ＤｅｅｐＳｅｅｋ", "deepseek"),
            (
                "公司與DeepSeek無任何業務往來。",
                "公司与deepseek无任何业务往来。",
            ),
            ("低空經濟，ｅＶＴＯＬ！", "低空经济,evtol!"),
            ("人形機器人　概念", "人形机器人 概念"),
            // A run of spaces (ASCII, ideographic, tabs) reads as one.
            ("AI  PC", "ai pc"),
            ("AI \u{3000}\tPC概念", "ai pc概念"),
        ] {
            assert_eq!(normalize(input).text, want, "{input}");
        }
    }

    #[test]
    fn invisible_characters_do_not_split_a_word() {
        let s = "公司与Deep\u{200b}Se\u{00ad}ek\u{2060}合作";
        let n = normalize(s);
        assert_eq!(n.text, "公司与deepseek合作");
        let start = n.text.find("deepseek").unwrap();
        let r = n.original_range(start..start + "deepseek合作".len());
        assert_eq!(&s[r], "Deep\u{200b}Se\u{00ad}ek\u{2060}合作");
        let r = n.original_range(0..n.text.len());
        assert_eq!(&s[r], s);
        assert_eq!(normalize("\u{feff}\u{200b}").text, "");
        // Found by the classify fuzz target: a leading dropped character.
        let s = "\u{200c}\u{fffd}";
        assert_eq!(normalize(s).original_range(0..3), 0..s.len());
        let s = "ab\u{200b}cd";
        let n = normalize(s);
        assert_eq!(n.original_range(0..2), 0..5);
        assert_eq!(n.original_range(2..4), 2..7);
    }

    #[test]
    fn a_run_of_spaces_is_one_space_and_quotes_its_original() {
        let s = "贵司AI  PC产品";
        let n = normalize(s);
        assert_eq!(n.text, "贵司ai pc产品");
        let start = n.text.find("ai pc").unwrap();
        let r = n.original_range(start..start + "ai pc".len());
        assert_eq!(&s[r], "AI  PC");
        assert_eq!(&s[n.original_range(0..n.text.len())], s);
        let m = crate::theme::find_builtin("ai-pc").unwrap().matcher();
        assert!(m.mentions(&n.text), "{}", n.text);
    }

    #[test]
    fn pinyin_readings_of_mirror_sites_are_dropped() {
        let s =
            "公司關(guān)注到市場(chǎng)傳聞，經（jīng）核實，無(wú)上述業(yè)務(wù)（AI）(CPO)。";
        let n = normalize(s);
        assert_eq!(n.text, "公司关注到市场传闻,经核实,无上述业务(ai)(cpo)。");
        let start = n.text.find("无上述业务").unwrap();
        let r = n.original_range(start..start + "无上述业务".len());
        assert_eq!(&s[r], "無(wú)上述業(yè)務(wù)");
        assert_eq!(&s[n.original_range(0..n.text.len())], s);
        // No tone mark, no Chinese character before it, or no closing bracket: kept.
        for kept in ["收入(yuan)", "(guān)注", "关(guān注"] {
            assert_eq!(
                normalize(kept).text.chars().count(),
                kept.chars().count(),
                "{kept}"
            );
        }
    }

    #[test]
    fn map_points_back_to_original() {
        let s = "說明：ＤｅｅｐＳｅｅｋ合作";
        let n = normalize(s);
        let start = n.text.find("deepseek").unwrap();
        let r = n.original_range(start..start + "deepseek合作".len());
        assert_eq!(&s[r], "ＤｅｅｐＳｅｅｋ合作");
        let r = n.original_range(0..n.text.len());
        assert_eq!(&s[r], s);
        let r = n.original_range(0.."说明:".len());
        assert_eq!(&s[r], "說明：");
    }

    /// Session 10: a PDF viewer wraps at a width, where a half-width letter takes half the
    /// room: a line full of Latin letters is full, and a word or a number cut by the wrap
    /// ("DeepSee" / "k", "202" / "4年") is joined.
    #[test]
    fn wraps_are_measured_in_half_widths_and_join_cut_words() {
        let text = "公司股票连续四个交易日涨停，累计涨幅较大，公司股票价格短期波动幅度较大。\n\
                    近期市场将公司列入DeepSeek概念股，经公司核实，公司与DeepSee\n\
                    k的开发主体不存在任何股权关系，公司2025年全年营业收入较202\n\
                    4年下降百分之三十，敬请广大投资者注意二级市场交易风险。";
        let n = normalize_wrapped(text);
        assert!(n.text.contains("deepseek的开发主体"), "{}", n.text);
        assert!(n.text.contains("较2024年"), "{}", n.text);
        assert!(n.text.contains("较大。\n近期"), "{}", n.text);
    }
}
