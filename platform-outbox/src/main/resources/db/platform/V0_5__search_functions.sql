-- Chinese-aware search, shared by every service's database (community, post, activity and merchant search; see
-- docs/community-service.md, "Search"). Chinese, Japanese and Korean text has no spaces between words, so PostgreSQL's
-- parser reads a whole run such as 西湖咖啡社 as one word and "咖啡" never matches it. Both the stored documents and the
-- queries therefore cut every such run into overlapping two-character tokens (西湖 湖咖 咖啡 啡社, plus the run's last
-- character alone so that one-character queries still match); Latin words stay words. The tokens go into a 'simple'
-- full-text index: ranked, GIN-indexed, no extension needed. A service indexes
-- to_tsvector('simple', search_doc(text)) and matches it with search_query(q).

-- Full-width ASCII forms (ＣＯＦＦＥＥ, ＃, ，) as their ASCII selves, so they search like what they look like.
create function search_fold(body text) returns text
    language sql immutable strict parallel safe as $$
select translate(body,
    '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　、。「」『』【】《》〈〉',
    '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~             ')
$$;

-- Han ideographs (with extension A and compatibility forms), kana and hangul: the scripts written without spaces.
create function search_unspaced(ch text) returns boolean
    language sql immutable strict parallel safe as $$
select ascii(ch) between 13312 and 19903      -- U+3400..U+4DBF  CJK extension A
    or ascii(ch) between 19968 and 40959      -- U+4E00..U+9FFF  CJK unified ideographs
    or ascii(ch) between 63744 and 64255      -- U+F900..U+FAFF  CJK compatibility ideographs
    or ascii(ch) between 12352 and 12543      -- U+3040..U+30FF  hiragana, katakana
    or ascii(ch) between 44032 and 55215      -- U+AC00..U+D7AF  hangul syllables
$$;

-- The text a document is indexed as: each unspaced run as its bigrams and its last character, the rest as it is.
create function search_doc(body text) returns text
    language plpgsql immutable strict parallel safe as $$
declare
    result text := '';
    prev   text;
    ch     text;
begin
    foreach ch in array regexp_split_to_array(search_fold(body), '') loop
        if search_unspaced(ch) then
            if prev is not null then
                result := result || ' ' || prev || ch;
            end if;
            prev := ch;
        else
            if prev is not null then
                result := result || ' ' || prev || ' ';
                prev := null;
            end if;
            result := result || ch;
        end if;
    end loop;
    if prev is not null then
        result := result || ' ' || prev;
    end if;
    return result;
end
$$;

-- A search box's text as a query: every word must match; an unspaced run matches as the phrase of its bigrams (so
-- 咖啡 finds 西湖咖啡社 and 龙井 finds 周末去龙井村喝茶), a single character as the prefix of a token.
create function search_query(q text) returns tsquery
    language plpgsql immutable strict parallel safe as $$
declare
    result  tsquery;
    part    tsquery;
    run     text := '';
    bigrams text;
    ch      text;
    i       integer;
    chars   text[] := regexp_split_to_array(search_fold(q), '');
begin
    -- One pass over the characters, plus one step past the end that flushes the last run.
    for i in 1 .. coalesce(array_length(chars, 1), 0) + 1 loop
        ch := chars[i];
        if run <> '' and (ch is null or search_unspaced(ch) <> search_unspaced(left(run, 1))) then
            if not search_unspaced(left(run, 1)) then
                part := plainto_tsquery('simple', run);
            elsif length(run) = 1 then
                part := to_tsquery('simple', quote_literal(run) || ':*');
            else
                select string_agg(substr(run, k, 2), ' ' order by k) into bigrams
                from generate_series(1, length(run) - 1) k;
                part := phraseto_tsquery('simple', bigrams);
            end if;
            if numnode(part) > 0 then
                result := case when result is null then part else result && part end;
            end if;
            run := '';
        end if;
        run := run || coalesce(ch, '');
    end loop;
    return coalesce(result, ''::tsquery);
end
$$;
