from lxml import etree


def parse_invoice(text):
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(text.encode(), parser)
    return {"number": root.findtext("number"), "total": root.findtext("total")}
