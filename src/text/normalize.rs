//! Normalisation for matching: full-width forms → half-width, traditional → simplified
//! characters, ASCII lowercase. Only a copy is normalised; [`Normalized`] keeps a map from
//! every byte of the copy back to the original text, so sentences are reported in their
//! original wording.
//!
//! Traditional → simplified uses the MIT-licensed `fast2s` table (character for character,
//! with a few context rules), so the character count never changes.

use std::ops::Range;

/// A normalised copy of a text with a byte map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For every byte of `text`, the byte offset in the original of the character it came
    /// from; one extra entry at the end holds the original's length.
    map: Vec<u32>,
}

impl Normalized {
    /// The original byte range of the normalised byte range `r` (on char boundaries).
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        self.map[r.start] as usize..self.map[r.end] as usize
    }
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

/// Normalises `s` for matching and keeps the offset map.
pub fn normalize(s: &str) -> Normalized {
    let folded: String = s.chars().map(fold_char).collect();
    let simplified = if folded.bytes().any(|b| b >= 0xE0) {
        fast2s::convert(&folded)
    } else {
        folded
    };
    let mut map = Vec::with_capacity(simplified.len() + 1);
    for ((orig_off, _), c) in s.char_indices().zip(simplified.chars()) {
        for _ in 0..c.len_utf8() {
            map.push(orig_off as u32);
        }
    }
    map.push(s.len() as u32);
    Normalized {
        text: simplified,
        map,
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
        ] {
            assert_eq!(normalize(input).text, want, "{input}");
        }
    }

    #[test]
    fn map_points_back_to_original() {
        let s = "說明：ＤｅｅｐＳｅｅｋ合作";
        let n = normalize(s);
        let start = n.text.find("deepseek").unwrap();
        let r = n.original_range(start..start + "deepseek合作".len());
        assert_eq!(&s[r], "ＤｅｅｐＳｅｅｋ合作");
    }
}
