namespace Masthead.Tests.Feeds;

/// <summary>
/// The &lt;news:news&gt; element of Google's News sitemap format (namespace sitemap-news/0.9), as Google's
/// documentation defines it: a publication with name and language (an ISO 639 code; zh-cn and zh-tw for Chinese),
/// the publication date in W3C format, and the title; access, genres, keywords and stock tickers are optional.
/// </summary>
internal static class NewsSitemapSchema
{
    public const string Xsd = """
<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
            targetNamespace="http://www.google.com/schemas/sitemap-news/0.9"
            xmlns="http://www.google.com/schemas/sitemap-news/0.9"
            elementFormDefault="qualified">
  <xsd:element name="news">
    <xsd:complexType>
      <xsd:all>
        <xsd:element name="publication" type="tPublication"/>
        <xsd:element name="access" type="tAccess" minOccurs="0"/>
        <xsd:element name="genres" type="xsd:string" minOccurs="0"/>
        <xsd:element name="publication_date" type="tDate"/>
        <xsd:element name="title" type="tNonEmpty"/>
        <xsd:element name="keywords" type="xsd:string" minOccurs="0"/>
        <xsd:element name="stock_tickers" type="xsd:string" minOccurs="0"/>
      </xsd:all>
    </xsd:complexType>
  </xsd:element>

  <xsd:complexType name="tPublication">
    <xsd:sequence>
      <xsd:element name="name" type="tNonEmpty"/>
      <xsd:element name="language" type="tLanguage"/>
    </xsd:sequence>
  </xsd:complexType>

  <xsd:simpleType name="tNonEmpty">
    <xsd:restriction base="xsd:string">
      <xsd:minLength value="1"/>
    </xsd:restriction>
  </xsd:simpleType>

  <xsd:simpleType name="tLanguage">
    <xsd:restriction base="xsd:string">
      <xsd:pattern value="zh-cn|zh-tw|[a-z]{2,3}"/>
    </xsd:restriction>
  </xsd:simpleType>

  <xsd:simpleType name="tAccess">
    <xsd:restriction base="xsd:string">
      <xsd:enumeration value="Subscription"/>
      <xsd:enumeration value="Registration"/>
    </xsd:restriction>
  </xsd:simpleType>

  <xsd:simpleType name="tDate">
    <xsd:union memberTypes="xsd:date xsd:dateTime"/>
  </xsd:simpleType>
</xsd:schema>
""";
}
