Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  %w[app1 app2].each do |name|
    config.vm.define name do |m|
      m.vm.hostname = name
    end
  end

  config.vm.provision "ansible_local" do |a|
    a.playbook = "playbook.yml"
    a.groups = { "web" => ["app1", "app2"] }
  end
end
