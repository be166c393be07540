namespace Masthead.Tests.Feeds;

/// <summary>
/// &lt;sitemapindex&gt; as sitemaps.org's protocol page defines it: up to 50,000 &lt;sitemap&gt; entries, each a required
/// absolute &lt;loc&gt; and an optional W3C-datetime &lt;lastmod&gt;, in the same namespace as &lt;urlset&gt;.
/// </summary>
internal static class SitemapIndexSchema
{
    // Declared in a schema of its own with the urlset's namespace: XmlSchemaSet merges the two, and the loc and
    // lastmod types here are named so they cannot clash with the urlset schema's.
    public const string Xsd = """
<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
            targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            elementFormDefault="qualified">
  <xsd:element name="sitemapindex">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="sitemap" type="tIndexEntry" maxOccurs="50000"/>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>

  <xsd:complexType name="tIndexEntry">
    <xsd:sequence>
      <xsd:element name="loc" type="tIndexLoc"/>
      <xsd:element name="lastmod" type="tIndexLastmod" minOccurs="0"/>
    </xsd:sequence>
  </xsd:complexType>

  <xsd:simpleType name="tIndexLoc">
    <xsd:restriction base="xsd:anyURI">
      <xsd:minLength value="12"/>
      <xsd:maxLength value="2048"/>
      <xsd:pattern value="https?://.+"/>
    </xsd:restriction>
  </xsd:simpleType>

  <xsd:simpleType name="tIndexLastmod">
    <xsd:union memberTypes="xsd:date xsd:dateTime"/>
  </xsd:simpleType>
</xsd:schema>
""";
}
