"""An XForm's texts: ``jr:itext`` translations and plain labels, with their outputs.

``Translations.read(model)`` reads every ``<translation>``: each text id's plain text (its
``<output>``s written as ``${name}``, the expressions kept beside) and its media (image,
audio, video, by file name). ``element`` gives a body element's labels, hints and media
in every language; a plain (untranslated) label is the default language's, which every
language falls back to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element as XmlElement

from fieldapp.core.forms.attached import qualified
from fieldapp.core.forms.model import Labels
from fieldapp.core.forms.xform_refs import ITEXT, output_name

XF = "{http://www.w3.org/2002/xforms}"
MEDIA = frozenset({"image", "audio", "video", "big-image"})

Outputs = dict[str, str]
"""``${name}`` of a text -> the expression its ``<output>`` shows."""
Media = dict[str, dict[str, str]]
"""Media form (image, audio...) -> language -> file name."""


@dataclass
class ElementTexts:
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    media: Media = field(default_factory=dict)
    outputs: Outputs = field(default_factory=dict)


@dataclass
class Translations:
    """Every text of an XForm, by language and text id."""

    texts: dict[str, dict[str, dict[str, tuple[str, Outputs]]]] = field(default_factory=dict)
    """language -> text id -> form ("text", "image"...) -> (text, its outputs)."""
    languages: list[str] = field(default_factory=list)
    """The default language first."""
    default_language: str = "default"

    @classmethod
    def read(cls, model: XmlElement) -> Translations:
        found = cls()
        itext = model.find(f"{XF}itext")
        if itext is None:
            return found
        default: str | None = None
        for translation in itext.findall(f"{XF}translation"):
            language = translation.get("lang", "default")
            if language not in found.languages:
                found.languages.append(language)
            if default is None and translation.get("default") is not None:
                default = language
            texts = found.texts.setdefault(language, {})
            for text in translation.findall(f"{XF}text"):
                forms: dict[str, tuple[str, Outputs]] = {}
                for value in text.findall(f"{XF}value"):
                    form = value.get("form") or "text"
                    if form in ("long", "short", "guidance") and "text" in forms:
                        continue
                    forms["text" if form in ("long", "short") else form] = mixed(value)
                texts[text.get("id", "")] = forms
        found.default_language = default or (found.languages[0] if found.languages else "default")
        if found.default_language in found.languages:
            found.languages.remove(found.default_language)
            found.languages.insert(0, found.default_language)
        return found

    def of(self, text_id: str) -> tuple[dict[str, str], Media, Outputs]:
        """The text of ``text_id`` in each language, its media and its outputs."""
        labels: dict[str, str] = {}
        media: Media = {}
        outputs: Outputs = {}
        for language, texts in self.texts.items():
            for form, (text, its_outputs) in texts.get(text_id, {}).items():
                if form == "text":
                    if text:
                        labels[language] = text
                    outputs.update(its_outputs)
                elif form in MEDIA and text:
                    media.setdefault(form, {})[language] = text.rsplit("/", 1)[-1]
        return labels, media, outputs

    def element(self, xml: XmlElement | None) -> ElementTexts:
        """The labels, hints, media and outputs of a body element (a control, a group)."""
        found = ElementTexts()
        if xml is None:
            return found
        for tag, into in (("label", found.labels), ("hint", found.hints)):
            text_element = xml.find(f"{XF}{tag}")
            if text_element is None:
                continue
            itext = ITEXT.match(text_element.get("ref", ""))
            if itext:
                texts, media, outputs = self.of(itext.group("id"))
                into.update(texts)
                found.outputs.update(outputs)
                if tag == "label":
                    for form, by_language in media.items():
                        found.media.setdefault(form, {}).update(by_language)
            else:
                text, outputs = mixed(text_element)
                if text:
                    into[self.default_language] = text
                found.outputs.update(outputs)
        return found

    def message(self, value: str | None) -> tuple[Labels, Outputs]:
        """The texts of a constraint or required message and their outputs."""
        if not value:
            return {}, {}
        itext = ITEXT.match(value)
        if itext:
            texts, _, outputs = self.of(itext.group("id"))
            return texts, outputs
        return {self.default_language: value}, {}

    def plain(self) -> dict[str, dict[str, str]]:
        """Each language's plain texts by id (what ``jr:itext()`` returns)."""
        return {
            language: {i: forms["text"][0] for i, forms in texts.items() if "text" in forms}
            for language, texts in self.texts.items()
        }


def mixed(xml: XmlElement) -> tuple[str, Outputs]:
    """Return the text of a label or itext value, each ``<output>`` as ``${name}``."""
    parts = [xml.text or ""]
    outputs: Outputs = {}
    for kid in xml:
        if not isinstance(kid.tag, str):
            continue
        if qualified(kid.tag) == "output":
            expression = (kid.get("value") or kid.get("ref") or "").strip()
            key = output_name(expression, outputs)
            outputs[key] = expression
            parts.append("${" + key + "}")
        else:
            parts.append("".join(kid.itertext()))
        parts.append(kid.tail or "")
    return "".join(parts).strip(), outputs
