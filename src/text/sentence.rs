//! Sentence splitting on normalised text: a sentence ends at 。 ! ? ; (full-width forms are
//! half-width after normalisation) or a newline, except inside quotes (“…” 「…」 『…』 "…"),
//! so a quoted statement stays whole. A closing quote right after the terminator belongs to
//! the sentence it closes.

use std::ops::Range;

/// Splits `s` into trimmed, non-empty sentence byte ranges.
pub fn split_sentences(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: u32 = 0;
    let mut ascii_quote = false;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let end_here = match c {
            '“' | '「' | '『' => {
                depth += 1;
                false
            }
            '”' | '」' | '』' => {
                depth = depth.saturating_sub(1);
                false
            }
            '"' => {
                ascii_quote = !ascii_quote;
                false
            }
            '\n' | '\r' => {
                depth = 0;
                ascii_quote = false;
                true
            }
            '。' | '!' | '?' | ';' => depth == 0 && !ascii_quote,
            _ => false,
        };
        if end_here {
            let mut end = i + c.len_utf8();
            // Absorb repeated terminators and closing quotes ("！？", "。”").
            while let Some(&(j, d)) = it.peek() {
                if matches!(d, '。' | '!' | '?' | ';' | '”' | '」' | '』') {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            push_trimmed(s, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(s, start..s.len(), &mut out);
    out
}

fn push_trimmed(s: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn table() {
        assert_eq!(
            split("甲。乙!丙?丁;戊"),
            vec!["甲。", "乙!", "丙?", "丁;", "戊"]
        );
        assert_eq!(
            split("公司称“我们未合作。也无计划。”此后\n澄清"),
            vec!["公司称“我们未合作。也无计划。”此后", "澄清"]
        );
        assert_eq!(split("他说:“好。”然后。"), vec!["他说:“好。”然后。"]);
        assert_eq!(split("真的吗?!  \n\n 是的。”"), vec!["真的吗?!", "是的。”"]);
        assert!(split("  \n ").is_empty());
    }
}
