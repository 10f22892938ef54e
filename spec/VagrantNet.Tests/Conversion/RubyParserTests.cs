using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Tests.Conversion;

public class RubyParserTests
{
    [TestCase("config.vm.box = \"debian/bookworm64\"", "(= (call (call (call - config) vm) box) \"debian/bookworm64\")")]
    [TestCase("x = 1\nx [1]", "(= x 1) (index x 1)")]
    [TestCase("foo [1]", "(call - foo [1])")]
    [TestCase("foo[1]", "(index (call - foo) 1)")]
    [TestCase("foo -1", "(call - foo -1)")]
    [TestCase("foo - 1", "(- (call - foo) 1)")]
    [TestCase("a = b ? :x : :y", "(= a (? (call - b) :x :y))")]
    [TestCase("a = b ? \"x\": 'y'", "(= a (? (call - b) \"x\" \"y\"))")]
    public void Parse_TellsCallsFromIndexesAndOperatorsAsRubyDoes(string ruby, string tree) =>
        Assert.That(RubyTree.Of(ruby), Is.EqualTo(tree));

    [Test]
    public void Parse_ReadsACommandCallWithSymbolsAndBothHashStyles() =>
        Assert.That(
            RubyTree.Of("config.vm.network :private_network, ip: \"10.0.0.2\", :libvirt__tunnel_type => 'udp'"),
            Is.EqualTo("(call (call (call - config) vm) network :private_network {{:ip=>\"10.0.0.2\" :libvirt__tunnel_type=>\"udp\"}})"));

    [Test]
    public void Parse_BindsADoBlockToTheOutermostCommand() =>
        Assert.That(
            RubyTree.Of("Vagrant.configure(\"2\") do |config|\n  config.vm.define \"web\", primary: true do |web|\n    web.vm.hostname = \"web\"\n  end\nend"),
            Is.EqualTo("(call Vagrant configure \"2\" (block |config| (call (call config vm) define \"web\" {{:primary=>true}} (block |web| (= (call (call web vm) hostname) \"web\")))))"));

    [Test]
    public void Parse_BindsABraceBlockToTheNearestCall() =>
        Assert.That(
            RubyTree.Of("names = %w[a b]\nputs names.map { |n| n.upcase }"),
            Is.EqualTo("(= names [\"a\" \"b\"]) (call - puts (call names map (block |n| (call n upcase))))"));

    [Test]
    public void Parse_ReadsInterpolationInStrings() =>
        Assert.That(
            RubyTree.Of("i = 1\nh = \"node-#{i + 1}.lab\""),
            Is.EqualTo("(= i 1) (= h \"node-#{(+ i 1)}.lab\")"));

    [Test]
    public void Parse_ReadsSquigglyAndDashHeredocs()
    {
        var ruby = "config.vm.provision \"shell\", inline: <<~SHELL, privileged: false\n    apt-get update\n      echo #{name}\n  SHELL\nx = <<-EOS\n  keep\n  EOS\n";
        Assert.That(
            RubyTree.Of(ruby),
            Is.EqualTo("(call (call (call - config) vm) provision \"shell\" {{:inline=>\"apt-get update\\n  echo #{(call - name)}\\n\" :privileged=>false}}) (= x \"  keep\\n\")"));
    }

    [Test]
    public void Parse_ReadsRangesTimesAndEachWithIndexDestructuring() =>
        Assert.That(
            RubyTree.Of("(1..3).each do |i|\nend\n2.times { |j| }\nh.each_with_index do |(k, v), n|\nend"),
            Is.EqualTo("(call (1..3) each (block |i| )) (call 2 times (block |j| )) (call (call - h) each_with_index (block |k,v,n| ))"));

    [Test]
    public void Parse_ReadsConditionalsModifiersAndUnless() =>
        Assert.That(
            RubyTree.Of("if a\n  b = 1\nelsif c\n  b = 2\nelse\n  b = 3\nend\nputs 'x' unless b == 2"),
            Is.EqualTo("(if (call - a) (body (= b 1)) (if (call - c) (body (= b 2)) (body (= b 3)))) (unless (== b 2) (body (call - puts \"x\")))"));

    [Test]
    public void Parse_ReadsEnvDefaultsAndScopedConstants() =>
        Assert.That(
            RubyTree.Of("a = ENV[\"BOX\"] || 'x'\nb = ENV.fetch('N', 2).to_i\nc = File::SEPARATOR"),
            Is.EqualTo("(= a (|| (index ENV \"BOX\") \"x\")) (= b (call (call ENV fetch \"N\" 2) to_i)) (= c File::SEPARATOR)"));

    [Test]
    public void Parse_ReadsNestedHashesAndArraysAcrossLines() =>
        Assert.That(
            RubyTree.Of("nodes = [\n  { name: 'r1', links: [1, 2] },\n  { :name => 'r2', 'ip' => nil },\n]"),
            Is.EqualTo("(= nodes [{:name=>\"r1\" :links=>[1 2]} {:name=>\"r2\" \"ip\"=>nil}])"));

    [Test]
    public void Parse_ReadsLeadingDotChainsAndLineContinuations() =>
        Assert.That(
            RubyTree.Of("x = [1, 2]\n  .map { |i| i * 2 }\n  .select(&:even?)\ny = 1 + \\\n  2"),
            Is.EqualTo("(= x (call (call [1 2] map (block |i| (* i 2))) select (& :even?))) (= y (+ 1 2))"));

    [Test]
    public void Parse_KeepsCommentsOutOfTheTreeWithTheirLines()
    {
        var (body, comments) = RubyParser.Parse("# -*- mode: ruby -*-\nx = 1 # one\n=begin\nhidden\n=end\ny = 2\n__END__\nnot ruby");
        Assert.That(body.Statements, Has.Count.EqualTo(2));
        Assert.That(comments.Select(c => (c.At.Line, c.Text)), Is.EqualTo(new[] { (1, " -*- mode: ruby -*-"), (2, " one") }));
    }

    [Test]
    public void Parse_ReadsTriggerRegexesAndCase() =>
        Assert.That(
            RubyTree.Of("t.only_on = /web\\d/i\ncase os\nwhen 'a', 'b' then x = 1\nelse x = 2\nend"),
            Is.EqualTo("(= (call (call - t) only_on) /web\\d/i) (case (call - os) (when \"a\" \"b\" (body (= x 1))) (body (= x 2)))"));

    [TestCase("x = \"open", 1, "a string is not closed")]
    [TestCase("Vagrant.configure(\"2\") do |config|\n  config.vm.box = 'x'\n", 3, "'do' at line 1 is never closed with 'end'")]
    [TestCase("a = <<~EOS\nnever\n", 1, "the heredoc <<EOS is never closed")]
    [TestCase("x = (1, 2)", 1, "unexpected ','")]
    public void Parse_RefusesBrokenRubyNamingTheLine(string ruby, int line, string message)
    {
        var error = Assert.Throws<RubySyntaxException>(() => RubyParser.Parse(ruby));
        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(error.At.Line, Is.EqualTo(line));
    }
}
