using System.Text;

namespace Stratus.Eureka.Xml;

/// <summary>
/// Writes XML text the way XStream's <c>PrettyPrintWriter</c> does, which is what Eureka serves: two-space indent,
/// <c>\n</c> line ends, no declaration, <c>&lt;x/&gt;</c> for an element without content, no trailing newline,
/// and element names passed through XStream's name coder (<c>_</c> becomes <c>__</c>, <c>$</c> becomes <c>_-</c>).
/// </summary>
internal sealed class XStreamTextWriter
{
    private readonly StringBuilder _text = new(4096);
    private readonly Stack<string> _open = new();
    private bool _tagOpen;
    private bool _valueWritten;

    public void StartElement(string name)
    {
        CloseStartTag();
        if (_text.Length > 0)
        {
            NewLine();
        }

        _text.Append('<').Append(name);
        _open.Push(name);
        _tagOpen = true;
    }

    public void Attribute(string name, string value)
    {
        _text.Append(' ').Append(name).Append("=\"");
        Escape(value);
        _text.Append('"');
    }

    /// <summary>Text content; the element then ends on the same line.</summary>
    public void Value(string value)
    {
        CloseStartTag();
        Escape(value);
        _valueWritten = true;
    }

    public void EndElement()
    {
        var name = _open.Pop();
        if (_tagOpen)
        {
            _text.Append("/>");
            _tagOpen = false;
        }
        else
        {
            if (!_valueWritten)
            {
                NewLine();
            }

            _text.Append("</").Append(name).Append('>');
        }

        _valueWritten = false;
    }

    public void Element(string name, string value)
    {
        StartElement(name);
        Value(value);
        EndElement();
    }

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_text.ToString());

    /// <summary>XStream's <c>XmlFriendlyNameCoder</c> for element names built from data (metadata keys).</summary>
    public static string EncodeName(string name)
    {
        if (name.AsSpan().IndexOfAny('_', '$') < 0)
        {
            return name;
        }

        return name.Replace("_", "__", StringComparison.Ordinal).Replace("$", "_-", StringComparison.Ordinal);
    }

    /// <summary>Reverses <see cref="EncodeName"/>.</summary>
    public static string DecodeName(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '_' && i + 1 < name.Length && name[i + 1] is '_' or '-')
            {
                builder.Append(name[i + 1] == '_' ? '_' : '$');
                i++;
            }
            else
            {
                builder.Append(name[i]);
            }
        }

        return builder.ToString();
    }

    private void CloseStartTag()
    {
        if (_tagOpen)
        {
            _text.Append('>');
            _tagOpen = false;
        }
    }

    private void NewLine()
    {
        _text.Append('\n');
        _text.Append(' ', 2 * _open.Count);
    }

    private void Escape(string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': _text.Append("&amp;"); break;
                case '<': _text.Append("&lt;"); break;
                case '>': _text.Append("&gt;"); break;
                case '"': _text.Append("&quot;"); break;
                case '\'': _text.Append("&apos;"); break;
                case '\r': _text.Append("&#xd;"); break;
                case '\t' or '\n': _text.Append(c); break;
                default:
                    if (c < ' ')
                    {
                        // XStream's quirks mode writes these raw, which no XML parser accepts; a character reference
                        // keeps the document well formed.
                        _text.Append("&#x").Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(';');
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }
    }
}
