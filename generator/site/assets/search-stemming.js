
/* curriculum-site: stem search-as-you-type queries (appended to lunr-languages' lunr.LANG.min.js).
 *
 * Material's search adds a trailing wildcard to every word typed ("capacitaciones*"), and lunr
 * runs no pipeline (so no stemmer) on a wildcard term, while the index holds stems ("capacit").
 * Without this, enabling the stemmer finds nothing. Each term that ends in that one wildcard is
 * stemmed before lunr looks it up: "capacitaciones*" -> "capacit*", which finds "capacitación".
 * The language code is filled in at build time (generator/search_assets.py).
 */
(function (lunr, lang) {
  if (!lunr || !lunr.QueryParser || !lunr[lang] || !lunr[lang].stemmer) return;
  var nextClause = lunr.QueryParser.prototype.nextClause;
  lunr.QueryParser.prototype.nextClause = function () {
    var clause = this.currentClause, term = clause && clause.term;
    if (typeof term === "string" && /^[^*]+\*$/.test(term)) {
      var stemmed = lunr[lang].stemmer(new lunr.Token(term.slice(0, -1)));
      if (stemmed && String(stemmed)) clause.term = String(stemmed) + "*";
    }
    return nextClause.call(this);
  };
})(self.lunr, "__LANG__");
